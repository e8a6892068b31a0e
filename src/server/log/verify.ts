import { asc, sql } from 'drizzle-orm'
import { drizzleOver, type SqlExecutor } from '@infra/sqlite'
import { applyEvent, type Incident } from '@shared/domain'
import * as schema from '../db/schema'
import { GENESIS_HASH, canonicalJson, eventHash } from './hash'
import { eventFromRow, incidentFromRow, type EventRow } from './rows'
import { readTail, tailProblem } from './tail'

export interface VerifyResult {
  readonly ok: boolean
  /** Events whose hash was checked. */
  readonly checked: number
  readonly oldestSeq: number
  readonly headSeq: number
  /** The first problem found, if any. */
  readonly problem: { readonly seq: number; readonly reason: string } | null
  /** Whether the incidents table was also checked against a replay of the whole log. */
  readonly projectionChecked: boolean
}

/**
 * Walks the whole log: seqs gap-free from the oldest kept, each event's
 * prevHash equal to its predecessor's hash, each hash recomputed from the
 * stored fields; then checks the log's end against its witnesses (the head
 * record, the incidents table, the command replies: see tail.ts). When nothing
 * was pruned, it also replays the log and compares the result with the
 * incidents table, so an edited projection shows too. Give it one read
 * snapshot (verifyStore does), or a concurrent commit looks like tampering.
 */
export async function verifyChain(exec: SqlExecutor, pageSize = 5000): Promise<VerifyResult> {
  const orm = drizzleOver(exec, schema)
  return verifyLog(
    {
      meta: async (key) => (await exec.get('SELECT value FROM meta WHERE key = ?', [key]))?.value as string | undefined,
      rowsFrom: (seq, limit) =>
        orm
          .select()
          .from(schema.events)
          .where(sql`${schema.events.seq} >= ${seq}`)
          .orderBy(asc(schema.events.seq))
          .limit(limit)
          .all(),
      tail: async () => tailProblem(await readTail(exec)),
      incidents: async () =>
        (await orm.select({ data: schema.incidents.data }).from(schema.incidents).all()).map(incidentFromRow),
    },
    pageSize,
  )
}

/** What a chain walk reads, from whichever store holds the log (read in one snapshot). */
export interface ChainSource {
  meta(key: string): Promise<string | undefined>
  /** Stored events from `seq` on, in seq order, at most `limit`. */
  rowsFrom(seq: number, limit: number): Promise<EventRow[]>
  /** Whether the log's end disagrees with its witnesses (see tail.ts). */
  tail(): Promise<{ seq: number; reason: string } | null>
  incidents(): Promise<Incident[]>
}

export async function verifyLog(source: ChainSource, pageSize = 5000): Promise<VerifyResult> {
  const metaValue = (key: string) => source.meta(key)
  const oldest = Number((await metaValue('oldestSeq')) ?? '1')
  let prev = oldest === 1 ? GENESIS_HASH : ((await metaValue('anchorHash')) ?? GENESIS_HASH)
  let expected = oldest
  let checked = 0
  const replay = oldest === 1 ? new Map<string, Incident>() : null
  const fail = (seq: number, reason: string): VerifyResult => ({
    ok: false,
    checked,
    oldestSeq: oldest,
    headSeq: expected - 1,
    problem: { seq, reason },
    projectionChecked: false,
  })
  for (;;) {
    const rows = await source.rowsFrom(expected, pageSize)
    if (rows.length === 0) break
    for (const r of rows) {
      if (r.seq !== expected) return fail(expected, `seq ${expected} is missing (next is ${r.seq})`)
      if (r.prevHash !== prev) return fail(r.seq, 'prevHash does not match the previous event')
      if (eventHash(r, r.payload) !== r.hash) return fail(r.seq, 'hash does not match the event content')
      if (replay) {
        try {
          const event = eventFromRow(r)
          replay.set(r.incidentId, applyEvent(replay.get(r.incidentId) ?? null, event))
        } catch (err) {
          return fail(r.seq, `event does not apply: ${String(err)}`)
        }
      }
      prev = r.hash
      expected++
      checked++
    }
  }
  const tail = await source.tail()
  if (tail) return fail(tail.seq, tail.reason)
  if (replay) {
    const stored = await source.incidents()
    const ids = new Set(stored.map((s) => s.id))
    for (const s of stored) {
      const r = replay.get(s.id)
      if (!r || canonicalJson(r) !== canonicalJson(s)) return fail(s.lastSeq, `incident ${s.code} differs from the log`)
    }
    for (const r of replay.values())
      if (!ids.has(r.id)) return fail(r.lastSeq, `incident ${r.code} is missing from the incidents table`)
  }
  return {
    ok: true,
    checked,
    oldestSeq: oldest,
    headSeq: expected - 1,
    problem: null,
    projectionChecked: replay !== null,
  }
}
