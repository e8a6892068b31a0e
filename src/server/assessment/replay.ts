import { applyEvent, type Incident } from '@shared/domain'
import type { ServerLog } from '../store/server-log'
import { GENESIS_HASH, eventHash } from '../log/hash'
import { eventFromRow } from '../log/rows'

export type ReplayResult =
  | { readonly ok: true; readonly incidents: Map<string, Incident>; readonly hashAtSeq: string }
  | { readonly ok: false; readonly seq: number; readonly reason: string; readonly hashAtSeq: string | null }

/**
 * The incidents as they stood at log position `seq`, rebuilt from the log alone: every event from
 * the first to `seq` is checked (seqs gap-free, each prevHash its predecessor's hash, each hash
 * recomputed from the stored fields) and applied with the shared projection. Needs the log from
 * seq 1 (a pruned log cannot be replayed). Events up to a committed seq never change, so pages
 * need no common snapshot.
 */
export async function replayTo(
  log: Pick<ServerLog, 'oldestSeq' | 'rowsBetween'>,
  seq: number,
  pageSize = 5000,
): Promise<ReplayResult> {
  const oldest = await log.oldestSeq()
  if (oldest > 1)
    return {
      ok: false,
      seq: oldest,
      reason: `the log before seq ${oldest} was pruned: it cannot be replayed`,
      hashAtSeq: null,
    }
  const incidents = new Map<string, Incident>()
  let prev = GENESIS_HASH
  let expected = 1
  while (expected <= seq) {
    const rows = await log.rowsBetween(expected, seq, pageSize)
    if (rows.length === 0) break
    for (const r of rows) {
      const fail = (reason: string): ReplayResult => ({ ok: false, seq: r.seq, reason, hashAtSeq: null })
      if (r.seq !== expected) return { ok: false, seq: expected, reason: `seq ${expected} is missing`, hashAtSeq: null }
      if (r.prevHash !== prev) return fail('prevHash does not match the previous event')
      if (eventHash(r, r.payload) !== r.hash) return fail('hash does not match the event content')
      try {
        incidents.set(r.incidentId, applyEvent(incidents.get(r.incidentId) ?? null, eventFromRow(r)))
      } catch (err) {
        return fail(`event does not apply: ${String(err)}`)
      }
      prev = r.hash
      expected++
    }
  }
  if (expected <= seq)
    return { ok: false, seq: expected, reason: `the log ends at seq ${expected - 1}, before ${seq}`, hashAtSeq: null }
  return { ok: true, incidents, hashAtSeq: seq === 0 ? GENESIS_HASH : prev }
}
