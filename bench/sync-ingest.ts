import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { SqliteDatabase, type SqlParam } from '@infra/sqlite'
import { openStore } from '../src/main/core/store/open-store'
import { applyEvents } from '../src/main/core/sync/apply-events'
import { EventFactory } from '../test/unit/sync/event-factory'
import type { BenchRow } from './bench-row'
import { MIGRATIONS, round, withTempDir } from './sync-bench-util'

const N = 100_000
const PAGE = 1000

const cpuMs = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since)
  return (u.user + u.system) / 1000
}

/** Baselines: the same event rows inserted raw, one statement per row and multi-row, one transaction per page. */
async function rawLoop(dir: string, rows: SqlParam[][], multi: boolean): Promise<number> {
  const db = await SqliteDatabase.open(path.join(dir, `raw-${multi ? 'multi' : 'single'}.sqlite`))
  await db.exec(
    'CREATE TABLE ev (seq INTEGER PRIMARY KEY, incident_id TEXT, type TEXT, payload TEXT, actor_id TEXT, server_time INTEGER, version INTEGER)',
  )
  const t0 = performance.now()
  for (let i = 0; i < rows.length; i += PAGE) {
    const page = rows.slice(i, i + PAGE)
    await db.transaction(async (tx) => {
      if (!multi) {
        for (const r of page) await tx.run('INSERT INTO ev VALUES (?, ?, ?, ?, ?, ?, ?)', r)
        return
      }
      await tx.run(`INSERT INTO ev VALUES ${page.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(',')}`, page.flat())
    })
  }
  const rate = rows.length / ((performance.now() - t0) / 1000)
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
      e.serverTime,
      e.version,
    ])
    const single = await rawLoop(dir, rows, false)
    const multi = await rawLoop(dir, rows, true)
    const store = await openStore(path.join(dir, 'cache'), MIGRATIONS)
    const c0 = process.cpuUsage()
    const t0 = performance.now()
    for (let i = 0; i < events.length; i += PAGE) await applyEvents(store.sqlite, events.slice(i, i + PAGE), 'replay')
    const rate = N / ((performance.now() - t0) / 1000)
    const perCpu = N / (cpuMs(c0) / 1000)
    await store.close()
    const baseline = `raw insert loop: ${round(single, 0).toLocaleString('en-US')}/s one row per statement, ${round(multi, 0).toLocaleString('en-US')}/s multi-row`
    return [
      {
        name: 'cache ingest, 1,000-event pages (validate + project + timeline + cursor)',
        value: round(rate, 0),
        unit: 'events/s',
        baseline,
        target: '≥ 40,000 events/s and ≥ half the raw loop',
        pass: rate >= 40_000 && rate >= single / 2,
      },
      {
        name: 'cache ingest per CPU-second (main + SQLite threads)',
        value: round(perCpu, 0),
        unit: 'events/cpu-s',
        baseline: `vs multi-row raw loop: ${round((rate / multi) * 100, 0)}% of its rate`,
      },
    ]
  })
}

if (import.meta.url === `file://${process.argv[1]}`) console.table(await run())
