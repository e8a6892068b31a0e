import type { CaseLayer } from '@shared/contract'

interface Entry {
  readonly generation: number
  readonly at: number
  readonly layer: Promise<CaseLayer>
}

/**
 * The case layers last built, kept until the cache changes: a map opened again (the wall's
 * playlist comes back to it, an operator returns to the page) gets the same text at once instead
 * of SQLite writing up to 100,000 features again. Any change notice drops them all; a layer whose
 * build a change overtook is handed to its caller but not kept. A kept layer keeps its `builtAt`,
 * so the page still asks for the cases that fell overdue since; old ones are built again anyway
 * (a day's or a week's period moves with the clock).
 */
export class CaseLayerCache {
  private generation = 0
  private readonly entries = new Map<string, Entry>()

  constructor(
    private readonly maxAgeMs = 120_000,
    private readonly maxEntries = 4,
  ) {}

  /** The cache changed (a change notice): every kept layer is stale. */
  invalidate(): void {
    this.generation++
    this.entries.clear()
  }

  /** The layer for `query` (any JSON-able value naming it): kept, being built, or built now. */
  get(query: unknown, now: number, build: () => Promise<CaseLayer>): Promise<CaseLayer> {
    const key = JSON.stringify(query)
    const hit = this.entries.get(key)
    if (hit && hit.generation === this.generation && now - hit.at <= this.maxAgeMs) return hit.layer
    this.entries.delete(key)
    const generation = this.generation
    const layer = build()
    const entry: Entry = { generation, at: now, layer }
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string)
    this.entries.set(key, entry)
    const drop = () => {
      if (this.entries.get(key) === entry) this.entries.delete(key)
    }
    // A failed build is not kept; invalidate() already dropped one a change overtook.
    layer.catch(drop)
    return layer
  }
}
