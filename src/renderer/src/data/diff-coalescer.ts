import type { Feature, Geometry } from 'geojson'

export type FeatureId = string | number

/** A source's changes by id (MapSink.update's diff). */
export interface FeatureDiff {
  readonly add?: readonly Feature[]
  readonly remove?: readonly FeatureId[]
  readonly move?: readonly { readonly id: string; readonly geometry: Geometry }[]
}

/** What one id comes to after every change pushed for it, in order. */
type Last =
  | { readonly op: 'add'; readonly feature: Feature }
  | { readonly op: 'remove' }
  | { readonly op: 'move'; readonly geometry: Geometry }

export interface CoalescerTimers {
  now(): number
  setTimeout(run: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

const realTimers: CoalescerTimers = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
}

const idOf = (f: Feature): FeatureId => {
  const id = (f.properties as { id?: unknown } | null)?.id ?? f.id
  return typeof id === 'number' ? id : String(id)
}

/**
 * Gathers one source's diffs and hands the map at most one every `gapMs`, never while the
 * previous is still being applied. A clustered source re-clusters every point and redraws
 * every tile per diff, whatever its size, so 200 changes a second cost as much as one batch
 * each half second only when they arrive as one. Nothing is lost and each feature ends as its
 * last change left it: a later add replaces an earlier one, a remove cancels a pending add,
 * an add after a remove adds, a move re-places a pending add's point.
 */
export class DiffCoalescer {
  private pending = new Map<FeatureId, Last>()
  private waiters: (() => void)[] = []
  private timer: unknown = null
  private inFlight = false
  private lastStart = -Infinity
  private stopped = false

  constructor(
    private readonly apply: (diff: FeatureDiff) => Promise<void> | void,
    private readonly gapMs = 500,
    private readonly timers: CoalescerTimers = realTimers,
  ) {}

  /** Queues a diff; resolves once the map has applied a diff that holds it (or it was dropped). */
  push(diff: FeatureDiff): Promise<void> {
    merge(this.pending, diff)
    const applied = new Promise<void>((resolve) => this.waiters.push(resolve))
    this.schedule()
    return applied
  }

  /** Drops what is waiting (the whole source was replaced); its pushes resolve. */
  clear(): void {
    this.pending.clear()
    this.release(this.waiters.splice(0))
  }

  stop(): void {
    this.stopped = true
    if (this.timer !== null) this.timers.clearTimeout(this.timer)
    this.timer = null
    this.clear()
  }

  private release(waiters: readonly (() => void)[]): void {
    for (const w of waiters) w()
  }

  private schedule(): void {
    if (this.stopped || this.inFlight || this.timer !== null || this.pending.size === 0) return
    const wait = Math.max(0, this.lastStart + this.gapMs - this.timers.now())
    this.timer = this.timers.setTimeout(() => {
      this.timer = null
      void this.run()
    }, wait)
  }

  private async run(): Promise<void> {
    if (this.stopped || this.pending.size === 0) return
    const taken = this.pending
    const waiters = this.waiters.splice(0)
    this.pending = new Map()
    this.inFlight = true
    this.lastStart = this.timers.now()
    try {
      await this.apply(toDiff(taken))
    } catch {
      // Not applied: back under what arrived since (newer changes of an id still win).
      const newer = this.pending
      this.pending = taken
      for (const [id, last] of newer) this.pending.set(id, last)
    } finally {
      this.inFlight = false
      this.release(waiters)
      this.schedule()
    }
  }
}

/** Folds a diff into the pending changes, by id, in the order MapLibre applies one (remove, add, move). */
export function merge(pending: Map<FeatureId, Last>, diff: FeatureDiff): void {
  for (const id of diff.remove ?? []) {
    pending.delete(id)
    pending.set(id, { op: 'remove' })
  }
  for (const feature of diff.add ?? []) {
    const id = idOf(feature)
    pending.delete(id)
    pending.set(id, { op: 'add', feature })
  }
  for (const m of diff.move ?? []) {
    const before = pending.get(m.id)
    if (before?.op === 'remove') continue
    pending.delete(m.id)
    pending.set(
      m.id,
      before?.op === 'add'
        ? { op: 'add', feature: { ...before.feature, geometry: m.geometry } }
        : { op: 'move', geometry: m.geometry },
    )
  }
}

/** The pending changes as one diff: each id once, in the order of its last change. */
export function toDiff(pending: ReadonlyMap<FeatureId, Last>): FeatureDiff {
  const add: Feature[] = []
  const remove: FeatureId[] = []
  const move: { id: string; geometry: Geometry }[] = []
  for (const [id, last] of pending) {
    if (last.op === 'add') add.push(last.feature)
    else if (last.op === 'remove') remove.push(id)
    else move.push({ id: String(id), geometry: last.geometry })
  }
  return {
    ...(add.length > 0 ? { add } : {}),
    ...(remove.length > 0 ? { remove } : {}),
    ...(move.length > 0 ? { move } : {}),
  }
}
