/** A binary min-heap by `at`, ties broken by insertion order (keeps runs deterministic). */
export class TimeHeap<T> {
  private items: { at: number; n: number; value: T }[] = []
  private counter = 0

  get size(): number {
    return this.items.length
  }

  peekAt(): number {
    return this.items[0]?.at ?? Infinity
  }

  push(at: number, value: T): void {
    const items = this.items
    items.push({ at, n: this.counter++, value })
    let i = items.length - 1
    while (i > 0) {
      const p = (i - 1) >> 1
      if (!this.less(i, p)) break
      this.swap(i, p)
      i = p
    }
  }

  pop(): { at: number; value: T } | undefined {
    const items = this.items
    const top = items[0]
    const last = items.pop()
    if (!top || !last) return undefined
    if (items.length > 0) {
      items[0] = last
      let i = 0
      for (;;) {
        const l = 2 * i + 1
        const r = l + 1
        let m = i
        if (l < items.length && this.less(l, m)) m = l
        if (r < items.length && this.less(r, m)) m = r
        if (m === i) break
        this.swap(i, m)
        i = m
      }
    }
    return { at: top.at, value: top.value }
  }

  private less(a: number, b: number): boolean {
    const x = this.items[a]
    const y = this.items[b]
    if (!x || !y) return false
    return x.at < y.at || (x.at === y.at && x.n < y.n)
  }

  private swap(a: number, b: number): void {
    const t = this.items[a]
    this.items[a] = this.items[b] as (typeof this.items)[number]
    this.items[b] = t as (typeof this.items)[number]
  }
}
