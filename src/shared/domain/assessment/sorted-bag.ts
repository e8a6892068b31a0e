/**
 * A multiset of numbers whose sorted values are read now and then (a tally's durations, for the
 * median and P90). Adding is O(1) and removing O(log n) (plus a scan of the values added since the
 * last read): added values wait in a pending list and removed ones in a removal count until the
 * next read, which sorts the pending values and merges
 * them in, O(n + k log k). A sorted array with a splice per value was O(n) per add: a quarter's
 * platform tally over a million cases took quadratic time to build.
 */
export class SortedBag {
  private sorted: number[] = []
  /** Added since the last read, unsorted (a plain array: a from-scratch build is one push per value). */
  private pending: number[] = []
  private readonly removed = new Map<number, number>()
  private count = 0

  get size(): number {
    return this.count
  }

  add(v: number): void {
    // Re-adding a value removed since the last read cancels the removal.
    const r = this.removed.size > 0 ? this.removed.get(v) : undefined
    if (r !== undefined) {
      if (r === 1) this.removed.delete(v)
      else this.removed.set(v, r - 1)
    } else this.pending.push(v)
    this.count++
  }

  /** Takes one `v` out; false when the bag holds none. */
  remove(v: number): boolean {
    // Pending values are few between reads on a live ledger (each read merges them in).
    const p = this.pending.lastIndexOf(v)
    if (p >= 0) {
      this.pending[p] = this.pending[this.pending.length - 1] as number
      this.pending.pop()
      this.count--
      return true
    }
    const held = upperBound(this.sorted, v) - lowerBound(this.sorted, v) - (this.removed.get(v) ?? 0)
    if (held <= 0) return false
    this.removed.set(v, (this.removed.get(v) ?? 0) + 1)
    this.count--
    return true
  }

  /**
   * The `rank`-th smallest value (1-based), or null when the bag holds fewer. While the changes
   * since the last merge are few it is selected without merging (a live ledger reads the median
   * of a million durations after each handful of changes: merging them all each time was O(n) per
   * read); past MERGE_AFTER changes (or a fraction of the size) they are merged in once.
   */
  nth(rank: number): number | null {
    if (rank < 1 || rank > this.count) return null
    const changes = this.pending.length + this.removed.size
    // A small bag merges (cheaper than selecting); a large one only past many changes.
    if (changes === 0 || this.sorted.length < 512 || changes > Math.max(MERGE_AFTER, this.sorted.length >> 5))
      return this.values()[rank - 1] ?? null
    const added = Float64Array.from(this.pending).sort()
    const gone: number[] = []
    for (const [v, n] of this.removed) for (let c = 0; c < n; c++) gone.push(v)
    const skip = Float64Array.from(gone).sort()
    const held = this.sorted
    // How many values of the bag are at or below v.
    const atOrBelow = (v: number) => upperBound(held, v) - upperBound(skip, v) + upperBound(added, v)
    // The smallest held index whose value has `rank` values at or below it, and the smallest added one:
    // the answer is the lesser (a held value all of whose copies were removed loses to an added one).
    let lo = 0
    let hi = held.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (atOrBelow(held[mid] as number) >= rank) hi = mid
      else lo = mid + 1
    }
    let best = lo < held.length ? (held[lo] as number) : Number.POSITIVE_INFINITY
    for (let k = 0; k < added.length; k++) {
      const v = added[k] as number
      if (v >= best) break
      if (atOrBelow(v) >= rank) {
        best = v
        break
      }
    }
    return best
  }

  /** Nearest-rank quantile (see rates.ts quantile): the smallest value with at least q of the values at or below it. */
  quantile(q: number): number | null {
    if (this.count === 0) return null
    return this.nth(Math.max(1, Math.ceil(q * this.count)))
  }

  /** Every value, ascending. */
  values(): readonly number[] {
    if (this.pending.length === 0 && this.removed.size === 0) return this.sorted
    const added = Float64Array.from(this.pending).sort()
    // The removed values, sorted with their multiplicity: walked beside the two others (no lookup per value).
    const gone: number[] = []
    for (const [v, n] of this.removed) for (let c = 0; c < n; c++) gone.push(v)
    const skip = Float64Array.from(gone).sort()
    const held = this.sorted
    const out: number[] = new Array<number>(this.count)
    let i = 0
    let j = 0
    let k = 0
    let r = 0
    while (i < held.length || j < added.length) {
      if (j >= added.length || (i < held.length && (held[i] as number) <= (added[j] as number))) {
        const v = held[i++] as number
        while (r < skip.length && (skip[r] as number) < v) r++
        if (r < skip.length && skip[r] === v) {
          r++
          continue
        }
        out[k++] = v
      } else out[k++] = added[j++] as number
    }
    this.sorted = out
    this.pending = []
    this.removed.clear()
    return out
  }
}

/** Changes held apart before a read merges them in (see nth). */
const MERGE_AFTER = 4096

export function lowerBound(sorted: readonly number[], v: number): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((sorted[mid] as number) < v) lo = mid + 1
    else hi = mid
  }
  return lo
}

function upperBound(sorted: ArrayLike<number>, v: number): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((sorted[mid] as number) <= v) lo = mid + 1
    else hi = mid
  }
  return lo
}
