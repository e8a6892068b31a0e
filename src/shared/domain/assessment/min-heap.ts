/** A binary min-heap of (key, id) pairs: the ledger's incidents by the next instant their judgement changes. */
export class MinHeap {
  private readonly keys: number[] = []
  private readonly ids: string[] = []

  get size(): number {
    return this.keys.length
  }

  peekKey(): number {
    return this.keys[0] ?? Number.POSITIVE_INFINITY
  }

  clear(): void {
    this.keys.length = 0
    this.ids.length = 0
  }

  push(key: number, id: string): void {
    const keys = this.keys
    const ids = this.ids
    let i = keys.length
    keys.push(key)
    ids.push(id)
    while (i > 0) {
      const parent = (i - 1) >> 1
      if ((keys[parent] as number) <= key) break
      keys[i] = keys[parent] as number
      ids[i] = ids[parent] as string
      i = parent
    }
    keys[i] = key
    ids[i] = id
  }

  pop(): { key: number; id: string } {
    const keys = this.keys
    const ids = this.ids
    const top = { key: keys[0] as number, id: ids[0] as string }
    const lastKey = keys.pop() as number
    const lastId = ids.pop() as string
    const n = keys.length
    if (n > 0) {
      let i = 0
      for (;;) {
        let child = 2 * i + 1
        if (child >= n) break
        if (child + 1 < n && (keys[child + 1] as number) < (keys[child] as number)) child++
        if ((keys[child] as number) >= lastKey) break
        keys[i] = keys[child] as number
        ids[i] = ids[child] as string
        i = child
      }
      keys[i] = lastKey
      ids[i] = lastId
    }
    return top
  }
}
