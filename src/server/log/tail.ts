import type { SqlExecutor } from '@infra/sqlite'
import { GENESIS_HASH } from './hash'

/** The seq and chain hash of the newest event: what the head record keeps. */
export interface HeadRecord {
  readonly seq: number
  readonly hash: string
}

/** Key of the head record in `meta`, rewritten in the same transaction as every append. */
export const HEAD_KEY = 'head'

/** What the store says about where its log ends, from every witness that keeps a seq. */
export interface TailFacts {
  /** The newest event in the log, or the anchor when none is left (pruned or empty). */
  readonly end: HeadRecord
  readonly head: HeadRecord | null
  /** Newest seq the incidents table refers to (0 when empty). */
  readonly incidentsSeq: number
  /** Newest seq a stored command reply names (0 when none). */
  readonly commandsSeq: number
}

export function parseHead(value: string | null): HeadRecord | null {
  if (value === null) return null
  try {
    const v = JSON.parse(value) as { seq?: unknown; hash?: unknown }
    return typeof v.seq === 'number' && typeof v.hash === 'string' ? { seq: v.seq, hash: v.hash } : null
  } catch {
    return null
  }
}

async function meta(exec: SqlExecutor, key: string): Promise<string | null> {
  const row = await exec.get('SELECT value FROM meta WHERE key = ?', [key])
  return row ? String(row.value) : null
}

export async function readTail(exec: SqlExecutor): Promise<TailFacts> {
  const last = await exec.get('SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1')
  const oldest = Number((await meta(exec, 'oldestSeq')) ?? '1')
  const end = last
    ? { seq: Number(last.seq), hash: String(last.hash) }
    : { seq: oldest - 1, hash: (await meta(exec, 'anchorHash')) ?? GENESIS_HASH }
  const incidents = await exec.get('SELECT coalesce(max(last_seq), 0) AS s FROM incidents')
  const commands = await exec.get('SELECT coalesce(max(seq), 0) AS s FROM commands')
  return {
    end,
    head: parseHead(await meta(exec, HEAD_KEY)),
    incidentsSeq: Number(incidents?.s ?? 0),
    commandsSeq: Number(commands?.s ?? 0),
  }
}

/**
 * Whether the log's end agrees with its witnesses: the head record (written
 * with every append, holding the last event's chain hash), the incidents table
 * and the command replies. Events deleted from the end leave the chain intact,
 * so only these can tell; all three disagree with a shortened log. (Whoever can
 * write the file can also rewrite all of them; this catches a log cut short, by
 * hand or by a restored older file beside newer projection rows.)
 */
export function tailProblem(f: TailFacts): { seq: number; reason: string } | null {
  const { end } = f
  if (f.head === null) {
    if (end.seq === 0 && f.incidentsSeq === 0 && f.commandsSeq === 0) return null // a new, empty store
    return { seq: end.seq, reason: 'the head record is missing' }
  }
  if (f.head.seq > end.seq)
    return {
      seq: end.seq + 1,
      reason: `events ${end.seq + 1}…${f.head.seq} are missing from the end of the log (the head record says it reaches seq ${f.head.seq})`,
    }
  if (f.head.seq < end.seq)
    return { seq: f.head.seq + 1, reason: `the log goes on past its head record (seq ${f.head.seq})` }
  if (f.head.hash !== end.hash)
    return { seq: end.seq, reason: `the head record's hash does not match event ${end.seq}` }
  if (f.incidentsSeq > end.seq)
    return {
      seq: end.seq + 1,
      reason: `the incidents table reflects seq ${f.incidentsSeq}, past the log's end at ${end.seq}`,
    }
  if (f.commandsSeq > end.seq)
    return {
      seq: end.seq + 1,
      reason: `command replies name seq ${f.commandsSeq}, past the log's end at ${end.seq}`,
    }
  return null
}
