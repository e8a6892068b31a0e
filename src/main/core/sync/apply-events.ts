import type { SqlExecutor, SqlParam, SqliteDatabase } from '@infra/sqlite'
import { applyEvent, type Incident, type IncidentEvent } from '@shared/domain'
import { insertJson, insertMany, selectIn } from '../store/bulk'
import { INCIDENT_SELECT, incidentFromRow, updateChanged, upsertIncidents } from '../store/incident-rows'
import { projectionCache, type CachedIncident } from '../store/projection-cache'
import { readSyncState } from './sync-state'
import { parseEvent } from './fast-event'
import { looseField, safeJson } from './validate'

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

interface Placed {
  readonly seq: number
  readonly raw: unknown
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
 * Statements through this start strictly one after another, in the order they were
 * issued, without the caller awaiting each: the caller goes on preparing the next
 * while SQLite works on its own thread. After a failure the rest are skipped.
 */
function serialWriter(tx: SqlExecutor): SqlExecutor {
  let last: Promise<unknown> = Promise.resolve()
  let pending = 0
  let failed = false
  const after = <T>(f: () => Promise<T>): Promise<T> => {
    if (failed) return last as Promise<T>
    // Nothing running: start now, not on the next microtask (the caller is about to do a lot of work).
    const p = pending === 0 ? f() : last.then(f)
    pending++
    p.then(
      () => pending--,
      () => {
        pending--
        failed = true
      },
    )
    last = p
    return p
  }
  return {
    all: (sql, params) => after(() => tx.all(sql, params)),
    get: (sql, params) => after(() => tx.get(sql, params)),
    run: (sql, params) => after(() => tx.run(sql, params)),
    exec: (sql) => after(() => tx.exec(sql)),
  }
}

/** Waits for every write (so none is in flight when the transaction rolls back), then throws the first failure. */
async function allWritten(writes: readonly Promise<unknown>[]): Promise<void> {
  for (const r of await Promise.allSettled(writes)) if (r.status === 'rejected') throw r.reason
}

/**
 * Gives every raw item a seq. An item whose own seq is unreadable takes the slot
 * after its predecessor, as long as its successor comes later: the server sends
 * pages in seq order, so that is the seq it was sent as.
 */
function place(raw: readonly unknown[], cursor: number): Placed[] {
  const out: Placed[] = []
  let prev = cursor
  for (let i = 0; i < raw.length; i++) {
    const s = looseField(raw[i], 'seq')
    if (typeof s === 'number' && Number.isSafeInteger(s) && s > 0) {
      out.push({ seq: s, raw: raw[i] })
      prev = s
      continue
    }
    const nextSeq = looseField(raw[i + 1], 'seq')
    const guess = prev + 1
    if (typeof nextSeq !== 'number' || nextSeq > guess) {
      out.push({ seq: guess, raw: raw[i] })
      prev = guess
    }
  }
  return out.sort((a, b) => a.seq - b.seq)
}

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
): Promise<ApplyResult> {
  const cache = projectionCache(sqlite)
  let written: CachedIncident[] = []
  try {
    const result = await sqlite.transaction((tx) => applyInTx(tx, raw, source, cache, (w) => (written = w)))
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
  cache: ReturnType<typeof projectionCache>,
  wrote: (entries: CachedIncident[]) => void,
): Promise<ApplyResult> {
  {
    const state = await readSyncState(tx)
    let cursor = state.cursor
    const placed = place(raw, cursor)

    // Contiguous run from cursor+1: duplicates and old events drop out, a gap stops the batch.
    const run: Placed[] = []
    let gapAt: number | null = null
    for (const p of placed) {
      if (p.seq <= cursor + run.length) continue
      if (p.seq !== cursor + run.length + 1) {
        gapAt = cursor + run.length + 1
        break
      }
      run.push(p)
    }
    if (run.length === 0) {
      return { cursor, applied: 0, quarantined: 0, gapAt, incidentIds: [], newestEventAt: state.newestEventAt }
    }

    const parsed = run.map((p) => ({ p, r: parseEvent(p.raw) }))
    const ids = new Set<string>()
    for (const { p } of parsed) {
      const id = looseField(p.raw, 'incidentId')
      if (typeof id === 'string') ids.add(id)
    }
    const idList = [...ids]
    const current = new Map<string, { incident: Incident; stale: number | null }>()
    const stored = new Map<string, Incident>()
    const unknown: string[] = []
    for (const id of idList) {
      const hit = cache.get(id)
      if (!hit) unknown.push(id)
      else {
        current.set(id, { ...hit })
        stored.set(id, hit.incident)
      }
    }
    for (const row of await selectIn(
      tx,
      unknown,
      (ph) => `SELECT ${INCIDENT_SELECT}, stale_since_seq AS staleSinceSeq FROM incidents WHERE id IN (${ph})`,
      (r) => r,
    )) {
      const incident = incidentFromRow(row)
      current.set(incident.id, { incident, stale: row.staleSinceSeq == null ? null : Number(row.staleSinceSeq) })
      stored.set(incident.id, incident)
    }
    // Only an event that is not a report can be for a case retention removed.
    const orphans = new Set<string>()
    for (const { r } of parsed)
      if (r.ok && r.event.type !== 'report' && !stored.has(r.event.incidentId)) orphans.add(r.event.incidentId)
    const pruned = new Set(
      await selectIn(
        tx,
        [...orphans],
        (ph) => `SELECT id FROM pruned_incidents WHERE id IN (${ph})`,
        (r) => String(r.id),
      ),
    )

    const now = Date.now()
    const changed = new Set<string>()
    const staleMarks = new Map<string, number>()
    const eventRows: SqlParam[][] = []
    const quarantineRows: SqlParam[][] = []
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

    for (const { p, r } of parsed) {
      if (!r.ok) {
        const id = looseField(p.raw, 'incidentId')
        quarantine(p.seq, typeof id === 'string' ? id : null, `invalid event: ${r.error}`, p.raw)
        continue
      }
      const event: IncidentEvent = r.event
      if (event.seq !== p.seq) {
        quarantine(p.seq, event.incidentId, `seq ${event.seq} out of place`, p.raw)
        continue
      }
      const entry = current.get(event.incidentId)
      if (entry && entry.stale !== null) {
        quarantine(p.seq, event.incidentId, `blocked: incident stale since quarantined seq ${entry.stale}`, p.raw)
        continue
      }
      if (!entry && event.type !== 'report' && pruned.has(event.incidentId)) continue // retired by retention
      try {
        const next = applyEvent(entry?.incident ?? null, event)
        current.set(event.incidentId, { incident: next, stale: null })
        changed.add(event.incidentId)
        eventRows.push([
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
        ])
        if (newest === null || event.serverTime > newest) newest = event.serverTime
      } catch (err) {
        quarantine(p.seq, event.incidentId, err instanceof Error ? err.message : String(err), p.raw)
      }
    }
    cursor += run.length

    const inserts: Incident[] = []
    const updates: { before: Incident; after: Incident }[] = []
    for (const id of changed) {
      const entry = current.get(id)
      if (!entry) continue
      const before = stored.get(id)
      if (before) updates.push({ before, after: entry.incident })
      else inserts.push(entry.incident)
    }
    // The timeline goes first: SQLite writes it while this thread builds the incident rows' JSON.
    // The three touch different rows (timeline; new incidents; existing ones), so their order is free.
    const w = serialWriter(tx)
    await allWritten([
      insertJson(w, 'incident_events', EVENT_COLUMNS, eventRows, 'ON CONFLICT(seq) DO NOTHING'),
      upsertIncidents(w, inserts),
      updateChanged(w, updates),
    ])
    for (const [id, seq] of staleMarks) await tx.run('UPDATE incidents SET stale_since_seq = ? WHERE id = ?', [seq, id])
    await insertMany(tx, 'quarantine', QUARANTINE_COLUMNS, quarantineRows)
    await tx.run('UPDATE sync_state SET cursor = ?, newest_event_at = ?, updated_at = ? WHERE id = 1', [
      cursor,
      newest,
      now,
    ])
    // Accepted commands stay as overlay until the cache holds their event; now it does.
    await tx.run('DELETE FROM outbox WHERE acked_seq IS NOT NULL AND acked_seq <= ?', [cursor])
    for (const id of staleMarks.keys()) changed.add(id)
    const touched: CachedIncident[] = []
    for (const id of changed) {
      const entry = current.get(id)
      if (entry) touched.push({ incident: entry.incident, stale: entry.stale })
    }
    wrote(touched)
    return {
      cursor,
      applied: eventRows.length,
      quarantined: quarantineRows.length,
      gapAt,
      incidentIds: [...changed],
      newestEventAt: newest,
    }
  }
}
