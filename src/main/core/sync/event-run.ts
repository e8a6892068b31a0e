import { looseField } from './validate'

/** One item of a page or batch with the seq it stands for. */
export interface Placed {
  readonly seq: number
  readonly raw: unknown
}

/**
 * Gives every raw item a seq. An item whose own seq is unreadable takes the slot
 * after its predecessor, as long as its successor comes later: the server sends
 * pages in seq order, so that is the seq it was sent as.
 */
export function place(raw: readonly unknown[], cursor: number): Placed[] {
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

/** The log range a town-scoped page or batch covers (docs/protocol.md): its events are those of it the principal may read. */
export interface Coverage {
  /** First seq the batch covers (null for a replay page, which follows the cursor by construction). */
  readonly fromSeq: number | null
  readonly throughSeq: number
}

/**
 * The events to apply and the cursor after them. Unscoped: the contiguous run from cursor+1
 * (duplicates and old events drop out, a gap stops the batch). Scoped: every event the batch
 * covers above the cursor, and the cursor moves to the end of the range; a batch that starts
 * beyond cursor+1 means one was lost, so nothing is applied.
 */
export function selectRun(
  placed: readonly Placed[],
  from: number,
  coverage: Coverage | undefined,
): { run: Placed[]; gapAt: number | null; cursor: number } {
  const run: Placed[] = []
  if (coverage) {
    if (coverage.fromSeq !== null && coverage.fromSeq > from + 1) return { run, gapAt: from + 1, cursor: from }
    for (const p of placed)
      if (p.seq > from && p.seq <= coverage.throughSeq && p.seq > (run[run.length - 1]?.seq ?? 0)) run.push(p)
    return { run, gapAt: null, cursor: Math.max(from, coverage.throughSeq) }
  }
  let gapAt: number | null = null
  for (const p of placed) {
    if (p.seq <= from + run.length) continue
    if (p.seq !== from + run.length + 1) {
      gapAt = from + run.length + 1
      break
    }
    run.push(p)
  }
  return { run, gapAt, cursor: from + run.length }
}
