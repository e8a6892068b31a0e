import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { performance } from 'node:perf_hooks'
import { CATEGORIES, withAssessmentFacts, type Incident, type IncidentStatus } from '@shared/domain'
import type { BenchRow } from './bench-row'
import { AggregateEngine } from '../src/main/core/aggregates/aggregate-engine'
import { PushHub } from '../src/main/core/push-hub'
import { StatusBoard } from '../src/main/core/status-board'
import { openStore } from '../src/main/core/store/open-store'
import { upsertIncidents } from '../src/main/core/store/incident-rows'
import { SqliteDatabase } from '@infra/sqlite'

const N = Number(process.env.SITUATION_BENCH_N ?? 1_000_000)
const DAYS = 90
const HOUR = 3_600_000
const MIGRATIONS = fileURLToPath(new URL('../drizzle', import.meta.url))

/** A deterministic district-like cache: 90 days of reports, most finished, the recent ones still open. */
function makeIncident(i: number, now: number): Incident {
  return withAssessmentFacts(makeRow(i, now) as Incident)
}

function makeRow(
  i: number,
  now: number,
): Omit<
  Incident,
  | 'intakeAt'
  | 'intakeBy'
  | 'firstDispatchedAt'
  | 'dispatchedBy'
  | 'firstDeadline'
  | 'extendedMs'
  | 'creditedSuspendedMs'
  | 'suspensionCredited'
> {
  const r = (k: number) => {
    const x = Math.sin(i * 12.9898 + k * 78.233) * 43758.5453
    return x - Math.floor(x)
  }
  const age = Math.floor((i / N) * DAYS * 24 * HOUR)
  const reportedAt = now - age - 1
  const cat = CATEGORIES[Math.floor(r(1) * CATEGORIES.length)] ?? CATEGORIES[0]
  const town = `town-${Math.floor(r(2) * 23)}`
  const recent = age < 3 * 24 * HOUR
  const status: IncidentStatus =
    recent && r(3) < 0.6 ? (r(4) < 0.5 ? 'dispatched' : 'in_progress') : r(5) < 0.05 ? 'rejected' : 'closed'
  const dispatchedAt = status === 'rejected' ? null : reportedAt + HOUR
  const deadline = dispatchedAt === null ? null : dispatchedAt + 48 * HOUR
  return {
    id: `inc-${i}`,
    code: `ZS-${i}`,
    title: '',
    description: '',
    category: cat.id,
    priority: 'normal',
    source: 'patrol',
    status,
    townId: town,
    gridId: `${town}-g${Math.floor(r(6) * 70)}`,
    componentId: null,
    lat: 22.5,
    lng: 113.3,
    address: '',
    reporterId: 'w',
    reportedAt,
    assigneeKind: dispatchedAt === null ? null : 'department',
    assigneeId: dispatchedAt === null ? null : cat.defaultDepartment,
    dispatchedAt,
    deadline,
    acknowledgedAt: null,
    resolvedAt: null,
    verifiedAt: null,
    closedAt:
      status === 'closed' && dispatchedAt !== null
        ? Math.min(now - 1, dispatchedAt + Math.floor(r(7) * 60) * HOUR)
        : null,
    suspended: false,
    suspendedAt: null,
    suspendedMs: 0,
    escalationLevel: 0,
    reworkCount: r(8) < 0.03 ? 1 : 0,
    duplicateOf: null,
    version: 3,
    updatedAt: reportedAt,
    lastSeq: i + 1,
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN

/**
 * Aggregate refresh with N incidents in the cache: a dirty-set refresh (a
 * batch of 200 changed incidents, as one second of a busy stream) beside the
 * full recompute over the same cache.
 */
export async function run(): Promise<BenchRow[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'gc-bench-situation-'))
  const store = await openStore(dir, MIGRATIONS)
  try {
    const now = Date.now()
    const PAGE = 20_000
    for (let i = 0; i < N; i += PAGE) {
      const rows = Array.from({ length: Math.min(PAGE, N - i) }, (_, k) => makeIncident(i + k, now))
      await store.sqlite.transaction((tx) => upsertIncidents(tx, rows))
    }
    const hub = new PushHub()
    const status = new StatusBoard(hub, {
      file: '',
      sizeBytes: 0,
      incidents: N,
      schemaVersion: 0,
      journalMode: 'wal',
      recoveredFrom: null,
    })
    const engine = new AggregateEngine({ db: store.sqlite, hub, status, pushIntervalMs: 3_600_000, tickMs: 3_600_000 })
    await engine.start()
    const full: number[] = []
    for (let k = 0; k < 3; k++) {
      const t0 = performance.now()
      await engine.recomputeAll()
      full.push(performance.now() - t0)
    }
    const open = (
      await store.sqlite.all("SELECT id FROM incidents WHERE status IN ('dispatched','in_progress') LIMIT 3000")
    ).map((r) => String(r.id))
    const dirty: number[] = []
    let fresh = N
    for (let k = 0; k < 15; k++) {
      // One busy second of the stream: 100 open cases closed, 50 progressing, 50 new reports.
      const picked = open.slice(k * 150, k * 150 + 150)
      const closing = picked.slice(0, 100)
      const progressing = picked.slice(100)
      const t = Date.now()
      await store.sqlite.transaction(async (tx) => {
        await tx.run(
          `UPDATE incidents SET status = 'closed', closed_at = ?, version = version + 1 WHERE id IN (${closing.map(() => '?').join(',')})`,
          [t, ...closing],
        )
        await tx.run(
          `UPDATE incidents SET status = 'resolved', version = version + 1 WHERE id IN (${progressing.map(() => '?').join(',')})`,
          progressing,
        )
        const reports = Array.from({ length: 50 }, (_, j) => ({
          ...makeIncident(j, t),
          id: `new-${fresh + j}`,
          code: `NEW-${fresh + j}`,
          status: 'reported' as const,
          reportedAt: t - j,
          dispatchedAt: null,
          deadline: null,
          closedAt: null,
          assigneeKind: null,
          assigneeId: null,
        }))
        await upsertIncidents(tx, reports)
      })
      const ids = [...picked, ...Array.from({ length: 50 }, (_, j) => `new-${fresh + j}`)]
      fresh += 50
      engine.markDirty(ids)
      const t0 = performance.now()
      await engine.refresh()
      dirty.push(performance.now() - t0)
    }
    // A window's small request issued just as a full recompute starts: on the store's own connection
    // it waits for the whole load; with the load on a read-only snapshot connection (as the core runs
    // it) it does not.
    const waitDuringFull = async (e: AggregateEngine): Promise<number> => {
      const load = e.recomputeAll()
      await new Promise((r) => setTimeout(r, 20)) // the load is under way
      const t0 = performance.now()
      await store.sqlite.get('SELECT count(*) AS n FROM outbox')
      const waited = performance.now() - t0
      await load
      return waited
    }
    const reader = await SqliteDatabase.open(store.sqlite.file, { readonly: true })
    const split = new AggregateEngine({
      db: store.sqlite,
      snapshotDb: reader,
      hub,
      status,
      pushIntervalMs: 3_600_000,
      tickMs: 3_600_000,
    })
    await split.start()
    const shared: number[] = []
    const separate: number[] = []
    for (let k = 0; k < 3; k++) {
      shared.push(await waitDuringFull(engine))
      separate.push(await waitDuringFull(split))
    }
    await split.stop()
    await reader.close()
    await engine.stop()
    status.dispose()
    const fullMs = median(full)
    const dirtyMs = median(dirty)
    return [
      {
        name: `aggregate refresh, 200 changed incidents (100 closed, 50 progressed, 50 new), ${N.toLocaleString('en-US')} in cache (median of 15)`,
        value: dirtyMs,
        unit: 'ms',
        baseline: `full recompute: ${fullMs.toFixed(0)} ms`,
        target: '≤ 50 ms',
        pass: dirtyMs <= 50,
      },
      {
        name: `aggregate full recompute, ${N.toLocaleString('en-US')} incidents (median of 3)`,
        value: fullMs,
        unit: 'ms',
      },
      {
        name: 'a window request issued while a full recompute runs: its wait (median of 3)',
        value: Math.round(median(separate) * 10) / 10,
        unit: 'ms',
        baseline: `the recompute on the store's own connection: ${median(shared).toFixed(0)} ms`,
        target: 'not held up by the recompute',
        pass: median(separate) < median(shared) / 10,
      },
    ]
  } finally {
    await store.close()
    await rm(dir, { recursive: true, force: true })
  }
}
