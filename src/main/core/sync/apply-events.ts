import type { SqlExecutor, SqlParam, SqliteDatabase } from '@infra/sqlite'
import { applyEvent, type Incident, type IncidentEvent } from '@shared/domain'
import { insertJsonStatements, insertManyStatements, selectIn } from '../store/bulk'
import { INCIDENT_SELECT, incidentFromRow, updateStatements, upsertStatements } from '../store/incident-rows'
import { projectionCache, type CachedIncident } from '../store/projection-cache'
import { StatementPipe } from '../store/statement-pipe'
import { readSyncState } from './sync-state'
import { parseEvent } from './fast-event'
import { looseField, safeJson } from './validate'
import { place, selectRun, type Coverage, type Placed } from './event-run'

export type EventSource = 'replay' | 'live' | 'snapshot'

export interface ApplyResult {
  /** The cursor after the batch (unchanged when nothing new arrived). */
  readonly cursor: number
  readonly applied: number
  readonly quarantined: number
  /** Seq that was expected and missing: the caller must re-request from `cursor`. */
  readonly gapAt: number | null
  readonly incidentIds: readonly string[]
  readonly newestEventAt: number | null
}

const EVENT_COLUMNS = [
  'seq',
  'incident_id',
  'type',
  'payload',
  'actor_id',
  'role',
  'workstation_id',
  'server_time',
  'issued_at',
  'command_id',
  'version',
] as const
const QUARANTINE_COLUMNS = ['seq', 'incident_id', 'reason', 'raw', 'source', 'received_at'] as const

/**
 * Events folded between two hand-overs to SQLite. The page's writes go out chunk by
 * chunk, so SQLite writes one chunk on its thread while this one folds the next;
 * smaller chunks overlap more but cost more statements. The first is small so SQLite
 * starts writing soon after the page arrives.
 */
const FIRST_CHUNK = 50
const CHUNK = 200
/** How often (in events) the fold lets a finished statement hand over to the next queued one. */
const HAND_OVER_EVERY = 20

/** Lets finished statements call back (and the pipe start the next) before more folding. */
const handOver = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/**
 * Applies one page or batch of events in ONE transaction together with the cursor.
 *
 * Cursor semantics: after this, every seq ≤ cursor is either folded into the
 * projection or recorded in `quarantine`; nothing above it has been touched. So:
 * - events at or below the cursor are ignored (already had);
 * - the batch is applied only up to its first gap (`gapAt` tells the caller to re-hello);
 * - a malformed event, or one that does not fit the projection, is quarantined
 *   (skip with a record) and its incident marked stale: later events for that
 *   incident are quarantined too rather than folded onto a state that misses one,
 *   so nothing shown is silently wrong. One bad event never stops the stream.
 */
export async function applyEvents(
  sqlite: SqliteDatabase,
  raw: readonly unknown[],
  source: EventSource,
  coverage?: Coverage,
): Promise<ApplyResult> {
  const cache = projectionCache(sqlite)
  let written: CachedIncident[] = []
  try {
    const result = await sqlite.transaction((tx) => applyInTx(tx, raw, source, coverage, cache, (w) => (written = w)))
    cache.commit(written)
    return result
  } catch (err) {
    cache.clear() // rolled back: what we held may not be what is stored
    throw err
  }
}

async function applyInTx(
  tx: SqlExecutor,
  raw: readonly unknown[],
  source: EventSource,
  coverage: Coverage | undefined,
  cache: ReturnType<typeof projectionCache>,
  wrote: (entries: CachedIncident[]) => void,
): Promise<ApplyResult> {
  const state = await readSyncState(tx)
  const { run, gapAt, cursor } = selectRun(place(raw, state.cursor), state.cursor, coverage)
  if (run.length === 0) {
    if (cursor > state.cursor) {
      // A scoped page or batch with nothing this principal may read still moves the cursor.
      await tx.run('UPDATE sync_state SET cursor = ?, updated_at = ? WHERE id = 1', [cursor, Date.now()])
      await tx.run('DELETE FROM outbox WHERE acked_seq IS NOT NULL AND acked_seq <= ?', [cursor])
    }
    return { cursor, applied: 0, quarantined: 0, gapAt, incidentIds: [], newestEventAt: state.newestEventAt }
  }

  // Every incident the run touches, from memory or in one read, before any write.
  const current = new Map<string, { incident: Incident; stale: number | null }>()
  const stored = new Map<string, Incident>()
  const unknown = new Set<string>()
  const maybeOrphans = new Set<string>()
  for (const p of run) {
    const id = looseField(p.raw, 'incidentId')
    if (typeof id !== 'string') continue
    if (looseField(p.raw, 'type') !== 'report') maybeOrphans.add(id)
    if (current.has(id) || unknown.has(id)) continue
    const hit = cache.get(id)
    if (!hit) unknown.add(id)
    else {
      current.set(id, { ...hit })
      stored.set(id, hit.incident)
    }
  }
  for (const row of await selectIn(
    tx,
    [...unknown],
    (ph) => `SELECT ${INCIDENT_SELECT}, stale_since_seq AS staleSinceSeq FROM incidents WHERE id IN (${ph})`,
    (r) => r,
  )) {
    const incident = incidentFromRow(row)
    current.set(incident.id, { incident, stale: row.staleSinceSeq == null ? null : Number(row.staleSinceSeq) })
    stored.set(incident.id, incident)
  }
  // Only an event that is not a report can be for a case retention removed.
  const pruned = new Set(
    await selectIn(
      tx,
      [...maybeOrphans].filter((id) => !stored.has(id)),
      (ph) => `SELECT id FROM pruned_incidents WHERE id IN (${ph})`,
      (r) => String(r.id),
    ),
  )

  const now = Date.now()
  const changed = new Set<string>()
  const staleMarks = new Map<string, number>()
  const quarantineRows: SqlParam[][] = []
  let applied = 0
  let newest = state.newestEventAt
  const quarantine = (seq: number, incidentId: string | null, reason: string, value: unknown): void => {
    quarantineRows.push([seq, incidentId, reason.slice(0, 2000), safeJson(value), source, now])
    if (incidentId) {
      const entry = current.get(incidentId)
      if (entry && entry.stale === null) {
        entry.stale = seq
        staleMarks.set(incidentId, seq)
      }
    }
  }
  /** Validates and folds one event; the timeline row when it applied. */
  const fold = (p: Placed): SqlParam[] | null => {
    const r = parseEvent(p.raw)
    if (!r.ok) {
      const id = looseField(p.raw, 'incidentId')
      quarantine(p.seq, typeof id === 'string' ? id : null, `invalid event: ${r.error}`, p.raw)
      return null
    }
    const event: IncidentEvent = r.event
    if (event.seq !== p.seq) {
      quarantine(p.seq, event.incidentId, `seq ${event.seq} out of place`, p.raw)
      return null
    }
    const entry = current.get(event.incidentId)
    if (entry && entry.stale !== null) {
      quarantine(p.seq, event.incidentId, `blocked: incident stale since quarantined seq ${entry.stale}`, p.raw)
      return null
    }
    if (!entry && event.type !== 'report' && pruned.has(event.incidentId)) return null // retired by retention
    let next: Incident
    try {
      next = applyEvent(entry?.incident ?? null, event)
    } catch (err) {
      quarantine(p.seq, event.incidentId, err instanceof Error ? err.message : String(err), p.raw)
      return null
    }
    current.set(event.incidentId, { incident: next, stale: null })
    if (newest === null || event.serverTime > newest) newest = event.serverTime
    return [
      event.seq,
      event.incidentId,
      event.type,
      JSON.stringify(event.payload),
      event.actorId,
      event.role,
      event.workstationId,
      event.serverTime,
      event.issuedAt,
      event.commandId,
      event.version,
    ]
  }

  // Chunk by chunk: SQLite writes one chunk on its thread while this one folds the next.
  // `written` is what SQLite has been given for each incident, the diff base of the next chunk.
  const written = new Map(stored)
  const pipe = new StatementPipe(tx)
  try {
    for (let start = 0, end = FIRST_CHUNK; start < run.length; start = end, end += CHUNK) {
      const eventRows: SqlParam[][] = []
      const chunkChanged = new Set<string>()
      for (let i = start; i < Math.min(end, run.length); i++) {
        if (i % HAND_OVER_EVERY === 0 && pipe.waiting > 0) await handOver()
        const row = fold(run[i]!)
        if (!row) continue
        eventRows.push(row)
        chunkChanged.add(row[1] as string)
      }
      applied += eventRows.length
      const inserts: Incident[] = []
      const updates: { before: Incident; after: Incident }[] = []
      for (const id of chunkChanged) {
        changed.add(id)
        const after = current.get(id)!.incident
        const before = written.get(id)
        if (before) updates.push({ before, after })
        else inserts.push(after)
        written.set(id, after)
      }
      // The timeline first: SQLite writes it while this thread builds the incident rows' JSON.
      pipe.push(insertJsonStatements('incident_events', EVENT_COLUMNS, eventRows, 'ON CONFLICT(seq) DO NOTHING'))
      pipe.push(upsertStatements(inserts))
      pipe.push(updateStatements(updates))
    }
    for (const [id, seq] of staleMarks)
      pipe.push([['UPDATE incidents SET stale_since_seq = ? WHERE id = ?', [seq, id]]])
    pipe.push(insertManyStatements('quarantine', QUARANTINE_COLUMNS, quarantineRows))
    pipe.push([
      ['UPDATE sync_state SET cursor = ?, newest_event_at = ?, updated_at = ? WHERE id = 1', [cursor, newest, now]],
    ])
    // Accepted commands stay as overlay until the cache holds their event; now it does.
    pipe.push([['DELETE FROM outbox WHERE acked_seq IS NOT NULL AND acked_seq <= ?', [cursor]]])
  } finally {
    await pipe.drain()
  }

  for (const id of staleMarks.keys()) changed.add(id)
  const touched: CachedIncident[] = []
  for (const id of changed) {
    const entry = current.get(id)
    if (entry) touched.push({ incident: entry.incident, stale: entry.stale })
  }
  wrote(touched)
  return {
    cursor,
    applied,
    quarantined: quarantineRows.length,
    gapAt,
    incidentIds: [...changed],
    newestEventAt: newest,
  }
}
