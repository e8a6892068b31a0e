import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { SqliteDatabase, type SqlParam } from '@infra/sqlite'
import { openStore } from '../src/main/core/store/open-store'
import { applyEvents } from '../src/main/core/sync/apply-events'
import { EventFactory } from '../test/unit/sync/event-factory'
import type { BenchRow } from './bench-row'
import { MIGRATIONS, round, withTempDir } from './sync-bench-util'

/** The pragmas openStore sets on the cache (src/main/core/store/open-store.ts), for the raw baseline. */
const STORE_PRAGMAS = 'PRAGMA cache_size=-32768; PRAGMA wal_autocheckpoint=8000; PRAGMA temp_store=MEMORY;'

const N = 100_000
const PAGE = 1000
const ROUNDS = 3

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}

const cpuMs = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since)
  return (u.user + u.system) / 1000
}

const TIMELINE_COLUMNS =
  'seq, incident_id, type, payload, actor_id, role, workstation_id, server_time, issued_at, command_id, version'

interface Rate {
  readonly perSecond: number
  readonly perCpuSecond: number
}

/**
 * Baselines: the same event rows the cache writes to its timeline, inserted raw (bound values,
 * no validation, no projection) into a table identical to incident_events (same columns, same
 * index) with the store's pragmas, one transaction per page: one statement per row, or one
 * multi-row INSERT per page (11 values × 1,000 rows, under SQLite's parameter limit).
 */
async function rawLoop(dir: string, rows: SqlParam[][], multi: boolean, name: string): Promise<Rate> {
  const db = await SqliteDatabase.open(path.join(dir, `raw-${name}.sqlite`))
  await db.exec(STORE_PRAGMAS)
  await db.exec(
    `CREATE TABLE ev (seq INTEGER PRIMARY KEY NOT NULL, incident_id TEXT NOT NULL, type TEXT NOT NULL, payload TEXT NOT NULL,
      actor_id TEXT NOT NULL, role TEXT NOT NULL, workstation_id TEXT, server_time INTEGER NOT NULL, issued_at INTEGER,
      command_id TEXT, version INTEGER NOT NULL);
     CREATE INDEX ev_incident_idx ON ev (incident_id, seq);`,
  )
  const one = `(${TIMELINE_COLUMNS.split(',')
    .map(() => '?')
    .join(', ')})`
  const c0 = process.cpuUsage()
  const t0 = performance.now()
  for (let i = 0; i < rows.length; i += PAGE) {
    const page = rows.slice(i, i + PAGE)
    await db.transaction(async (tx) => {
      if (!multi) {
        for (const r of page) await tx.run(`INSERT INTO ev (${TIMELINE_COLUMNS}) VALUES ${one}`, r)
        return
      }
      await tx.run(`INSERT INTO ev (${TIMELINE_COLUMNS}) VALUES ${page.map(() => one).join(',')}`, page.flat())
    })
  }
  const rate = {
    perSecond: rows.length / ((performance.now() - t0) / 1000),
    perCpuSecond: rows.length / (cpuMs(c0) / 1000),
  }
  await db.close()
  return rate
}

/**
 * Events/s into the cache: validate each event, fold it with the shared
 * applyEvent, write incident rows + timeline + quarantine + cursor, one
 * transaction per 1,000-event page (what a replay page costs). Also per CPU
 * second (main thread + SQLite's thread), which other load on the machine
 * does not distort.
 */
export async function run(): Promise<BenchRow[]> {
  return withTempDir(async (dir) => {
    const events = new EventFactory().stream(N, Math.floor(N / 7))
    const rows: SqlParam[][] = events.map((e) => [
      e.seq,
      e.incidentId,
      e.type,
      JSON.stringify(e.payload),
      e.actorId,
      e.role,
      e.workstationId,
      e.serverTime,
      e.issuedAt,
      e.commandId,
      e.version,
    ])
    // One row per statement is slow (~10k/s): a fifth of the rows gives its rate.
    const single = await rawLoop(dir, rows.slice(0, N / 5), false, 'single')
    const ingest = async (name: string) => {
      const store = await openStore(path.join(dir, name), MIGRATIONS)
      const c0 = process.cpuUsage()
      const t0 = performance.now()
      for (let i = 0; i < events.length; i += PAGE) await applyEvents(store.sqlite, events.slice(i, i + PAGE), 'replay')
      const result = { perSecond: N / ((performance.now() - t0) / 1000), perCpuSecond: N / (cpuMs(c0) / 1000) }
      await store.close()
      return result
    }
    // A workstation ingests all shift long: the first pass (JIT still warming) is reported on its own line.
    const cold = await ingest('cache-cold')
    // Steady state: raw loop and cache take turns, ROUNDS times each, and the medians are compared,
    // so load that comes and goes on a shared machine hits both sides alike.
    const raws: Rate[] = []
    const caches: Rate[] = []
    for (let r = 0; r < ROUNDS; r++) {
      raws.push(await rawLoop(dir, rows, true, `multi-${r}`))
      caches.push(await ingest(`cache-${r}`))
    }
    const rate = median(caches.map((c) => c.perSecond))
    const perCpu = median(caches.map((c) => c.perCpuSecond))
    const multi = median(raws.map((c) => c.perSecond))
    const multiCpu = median(raws.map((c) => c.perCpuSecond))
    const fmt = (n: number) => round(n, 0).toLocaleString('en-US')
    const baseline =
      `raw multi-row INSERT loop (same rows, same timeline table + index, bound values; median of ${ROUNDS}, taking turns with the cache): ${fmt(multi)}/s ` +
      `(half: ${fmt(multi / 2)}); one row per statement: ${fmt(single.perSecond)}/s`
    return [
      {
        name: `cache ingest, 1,000-event pages (validate + project + timeline + cursor), steady state (median of ${ROUNDS})`,
        value: round(rate, 0),
        unit: 'events/s',
        baseline,
        target: '≥ 40,000 events/s and ≥ half the raw multi-row loop',
        pass: rate >= 40_000 && rate >= multi / 2,
      },
      {
        name: 'cache ingest, first pass of a fresh process (JIT warming up)',
        value: round(cold.perSecond, 0),
        unit: 'events/s',
        baseline: `${fmt(cold.perCpuSecond)} events/cpu-s`,
      },
      {
        name: 'cache ingest per CPU-second (main + SQLite threads)',
        value: round(perCpu, 0),
        unit: 'events/cpu-s',
        baseline: `raw multi-row loop: ${fmt(multiCpu)} rows/cpu-s; cache at ${round((perCpu / multiCpu) * 100, 0)}% of it (${round((rate / multi) * 100, 0)}% in events/s)`,
      },
    ]
  })
}

if (import.meta.url === `file://${process.argv[1]}`) console.table(await run())
