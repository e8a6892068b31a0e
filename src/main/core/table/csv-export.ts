import type { SqliteDatabase } from '@infra/sqlite'
import { ContractError, type CsvLabels, type IncidentView, type TableQuery } from '@shared/contract'
import { referenceNames, type ReferenceData } from '@shared/domain'
import { CACHED_ROW_SQL, cachedFromRow, type CachedRow } from '../store/incident-queries'
import { tableOrder, tableWhere } from '../store/table-sql'
import { csvHead, csvRecords } from './csv-record'

/** Rows per chunk: about a megabyte of CSV, a few tens of milliseconds of reading. */
const CHUNK = 5000
const MAX_JOBS = 4
/** An export nobody asked for more of in this long is dropped (a closed window). */
const IDLE_MS = 5 * 60_000

interface Job {
  readonly id: string
  readonly table: string
  readonly total: number
  readonly labels: CsvLabels
  /** Position of the last row read (positions start at 1). */
  pos: number
  started: boolean
  lastUsed: number
}

/**
 * CSV exports of every row a table query matches, streamed to the window in
 * chunks: the query's order is frozen once into a temp table of rowids (one
 * sort, on the slow lane), then each chunk reads the next rows by position,
 * overlays queued commands and formats them. The window never holds more than
 * a chunk; the core never more than a chunk and the rowid list.
 */
export class CsvExports {
  private readonly jobs = new Map<string, Job>()
  private counter = 0

  constructor(
    private readonly db: SqliteDatabase,
    private readonly views: (rows: CachedRow[]) => Promise<IncidentView[]>,
    private readonly reference: () => ReferenceData | null,
  ) {}

  async start(query: TableQuery, labels: CsvLabels, now: number): Promise<{ exportId: string; total: number }> {
    await this.sweep(now)
    const id = `export-${++this.counter}`
    const table = `export_${this.counter}`
    const { where, params } = tableWhere(query, now)
    await this.db.exec(`CREATE TEMP TABLE ${table} (pos INTEGER PRIMARY KEY, rid INTEGER NOT NULL)`)
    try {
      await this.db.run(
        `INSERT INTO temp.${table} (rid) SELECT rowid FROM incidents ${where} ${tableOrder(query.sort)}`,
        params,
      )
    } catch (err) {
      await this.db.exec(`DROP TABLE temp.${table}`)
      throw err
    }
    const total = Number((await this.db.get(`SELECT count(*) AS n FROM temp.${table}`))?.n ?? 0)
    this.jobs.set(id, { id, table, total, labels, pos: 0, started: false, lastUsed: now })
    return { exportId: id, total }
  }

  async next(id: string, now: number): Promise<{ text: string; rows: number; done: boolean }> {
    const job = this.jobs.get(id)
    if (!job) throw new ContractError('not_found', `export ${id} not found (finished, cancelled or idle too long)`)
    job.lastUsed = now
    const rows = await this.db.all(
      `SELECT e.pos AS pos, ${CACHED_ROW_SQL} FROM temp.${job.table} e JOIN incidents ON incidents.rowid = e.rid
       WHERE e.pos > ? ORDER BY e.pos LIMIT ?`,
      [job.pos, CHUNK],
    )
    const views = await this.views(rows.map(cachedFromRow))
    const names = referenceNames(this.reference(), job.labels.locale === 'en')
    const head = job.started ? '' : csvHead(job.labels)
    job.started = true
    job.pos = rows.length > 0 ? Number(rows.at(-1)!.pos) : job.pos
    const done = rows.length < CHUNK
    if (done) await this.cancel(id)
    return { text: head + csvRecords(views, job.labels, names, now), rows: views.length, done }
  }

  async cancel(id: string): Promise<boolean> {
    const job = this.jobs.get(id)
    if (!job) return false
    this.jobs.delete(id)
    await this.db.exec(`DROP TABLE IF EXISTS temp.${job.table}`)
    return true
  }

  async close(): Promise<void> {
    for (const id of [...this.jobs.keys()]) await this.cancel(id)
  }

  private async sweep(now: number): Promise<void> {
    for (const job of [...this.jobs.values()]) if (now - job.lastUsed > IDLE_MS) await this.cancel(job.id)
    const oldest = [...this.jobs.values()].sort((a, b) => a.lastUsed - b.lastUsed)
    while (oldest.length >= MAX_JOBS) await this.cancel(oldest.shift()!.id)
  }
}
