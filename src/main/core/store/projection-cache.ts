import type { Incident } from '@shared/domain'

export interface CachedIncident {
  readonly incident: Incident
  /** Seq of a quarantined event for this incident (later events are not folded on it). */
  readonly stale: number | null
}

/**
 * Incidents as last committed, kept in memory so a batch need not read back rows
 * it wrote a moment ago (catch-up touches the same open cases again and again).
 * Only the sync engine writes the projection; it fills this after each commit.
 * Anything else that changes rows (reset, retention, a failed transaction) clears it.
 */
export class ProjectionCache {
  private readonly map = new Map<string, CachedIncident>()

  constructor(private readonly capacity = 50_000) {}

  get(id: string): CachedIncident | undefined {
    return this.map.get(id)
  }

  /** Called only after the transaction that wrote these rows committed. */
  commit(entries: Iterable<CachedIncident>): void {
    for (const e of entries) {
      this.map.delete(e.incident.id) // re-insert: Map order is our recency order
      this.map.set(e.incident.id, e)
    }
    if (this.map.size > this.capacity) {
      let excess = this.map.size - this.capacity
      for (const id of this.map.keys()) {
        if (excess-- <= 0) break
        this.map.delete(id)
      }
    }
  }

  clear(): void {
    this.map.clear()
  }
}

const caches = new WeakMap<object, ProjectionCache>()

/** The cache that belongs to one database connection. */
export function projectionCache(db: object): ProjectionCache {
  let cache = caches.get(db)
  if (!cache) {
    cache = new ProjectionCache()
    caches.set(db, cache)
  }
  return cache
}
