/**
 * A multiset of numbers whose sorted values are read now and then (a tally's durations, for the
 * median and P90). Adding and removing are O(log n): added values wait in a pending count and
 * removed ones in a removal count until the next read, which sorts the pending values and merges
 * them in, O(n + k log k). A sorted array with a splice per value was O(n) per add: a quarter's
 * platform tally over a million cases took quadratic time to build.
 */
export class SortedBag {
  private sorted: number[] = []
  private readonly pending = new Map<number, number>()
  private readonly removed = new Map<number, number>()
  private count = 0

  get size(): number {
    return this.count
  }

  add(v: number): void {
    const r = this.removed.get(v)
    // Re-adding a value removed since the last read cancels the removal.
    if (r !== undefined) {
      if (r === 1) this.removed.delete(v)
      else this.removed.set(v, r - 1)
    } else this.pending.set(v, (this.pending.get(v) ?? 0) + 1)
    this.count++
  }

  /** Takes one `v` out; false when the bag holds none. */
  remove(v: number): boolean {
    const p = this.pending.get(v)
    if (p !== undefined) {
      if (p === 1) this.pending.delete(v)
      else this.pending.set(v, p - 1)
      this.count--
      return true
    }
    const held = upperBound(this.sorted, v) - lowerBound(this.sorted, v) - (this.removed.get(v) ?? 0)
    if (held <= 0) return false
    this.removed.set(v, (this.removed.get(v) ?? 0) + 1)
    this.count--
    return true
  }

  /** Every value, ascending. */
  values(): readonly number[] {
    if (this.pending.size === 0 && this.removed.size === 0) return this.sorted
    const added: number[] = []
    for (const [v, n] of this.pending) for (let i = 0; i < n; i++) added.push(v)
    added.sort((a, b) => a - b)
    const out: number[] = new Array<number>(this.count)
    let i = 0
    let j = 0
    let k = 0
    const skip = this.removed
    while (i < this.sorted.length || j < added.length) {
      const fromSorted =
        j >= added.length || (i < this.sorted.length && (this.sorted[i] as number) <= (added[j] as number))
      if (fromSorted) {
        const v = this.sorted[i++] as number
        const r = skip.get(v)
        if (r !== undefined) {
          if (r === 1) skip.delete(v)
          else skip.set(v, r - 1)
          continue
        }
        out[k++] = v
      } else out[k++] = added[j++] as number
    }
    this.sorted = out
    this.pending.clear()
    return out
  }
}

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

function upperBound(sorted: readonly number[], v: number): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((sorted[mid] as number) <= v) lo = mid + 1
    else hi = mid
  }
  return lo
}
