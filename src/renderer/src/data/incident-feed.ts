import type { ChangeNotice, IncidentFilter, IncidentView } from '@shared/contract'
import { applyDelta, toDelta, type RowDelta } from './row-transactions'

/** What the feed needs from the core (the api client in the app, fakes in tests). */
export interface FeedDeps {
  readonly list: (args: {
    filter: IncidentFilter
    offset: number
    limit: number
  }) => Promise<{ rows: IncidentView[]; total: number }>
  readonly onChanges: (listener: (notice: ChangeNotice) => void) => () => void
}

export interface FeedOptions {
  /** Loaded at start (and on a reset), page by page; a row in several is kept once. */
  readonly filters: readonly IncidentFilter[]
  /** Whether a changed incident still belongs in this window (the filters, in memory). */
  readonly keep: (view: IncidentView) => boolean
  readonly pageSize: number
  /** Most ids per refetch of changed incidents. */
  readonly maxIdsPerFetch?: number
}

export type FeedPhase = 'load' | 'live' | 'reset' | 'local'

export interface FeedEvent {
  readonly delta: RowDelta
  readonly phase: FeedPhase
  readonly progress: { readonly loaded: number; readonly total: number }
  readonly ready: boolean
  /** A (re)load is under way and more pages follow: a table may wait and take them all at once. */
  readonly loading: boolean
}

/**
 * Keeps a window's copy of the incidents current without polling: loads pages
 * of `incidents.list`, then on each `changes` notice refetches only the changed
 * ids. Refetches never overlap; ids that change meanwhile are coalesced into the
 * next one, which is what keeps 500 updates/s cheap.
 */
export class IncidentFeed {
  readonly rows = new Map<string, IncidentView>()
  private readonly dirty = new Set<string>()
  private resetNeeded = false
  private busy = false
  private ready = false
  private stopped = false
  private unsubscribe: (() => void) | null = null
  private progress = { loaded: 0, total: 0 }
  private retryTimer: ReturnType<typeof setTimeout> | null = null

  constructor(
    private readonly deps: FeedDeps,
    private readonly options: FeedOptions,
    private readonly listener: (event: FeedEvent) => void,
  ) {}

  start(): void {
    // Subscribe before loading: changes that land mid-load are queued, not lost.
    this.unsubscribe = this.deps.onChanges((n) => this.notice(n))
    void this.run(() => this.loadAll('load'))
  }

  stop(): void {
    this.stopped = true
    this.unsubscribe?.()
    if (this.retryTimer) clearTimeout(this.retryTimer)
  }

  isReady(): boolean {
    return this.ready
  }

  /** A local optimistic change (a drop on the board) shown until the core's own view replaces it. */
  patch(view: IncidentView): void {
    const delta = toDelta(this.rows, [], [view])
    applyDelta(this.rows, delta)
    this.emit(delta, 'local')
  }

  /** Fetch these ids again now (after a command was queued, or a rejection rolled a card back). */
  refresh(ids: readonly string[]): void {
    for (const id of ids) this.dirty.add(id)
    this.pump()
  }

  private notice(n: ChangeNotice): void {
    if (n.all) this.resetNeeded = true
    for (const id of n.incidentIds) this.dirty.add(id)
    this.pump()
  }

  private pump(): void {
    if (!this.ready || this.busy || this.stopped) return
    if (!this.resetNeeded && this.dirty.size === 0) return
    void this.run(async () => {
      while (!this.stopped && (this.resetNeeded || this.dirty.size > 0)) {
        if (this.resetNeeded) {
          this.resetNeeded = false
          this.dirty.clear()
          await this.loadAll('reset')
        } else await this.fetchDirty()
      }
    })
  }

  private async run(work: () => Promise<void>): Promise<void> {
    this.busy = true
    try {
      await work()
    } catch {
      // The core is unreachable for a moment: try again shortly (a retry, not a poll); a
      // failed first load becomes a full reload, a failed refetch keeps its ids queued.
      if (!this.ready) this.resetNeeded = true
      this.retryTimer ??= setTimeout(() => {
        this.retryTimer = null
        this.pump()
      }, 2000)
    } finally {
      this.busy = false
      this.ready = true
      this.pump()
    }
  }

  private async loadAll(phase: 'load' | 'reset'): Promise<void> {
    const seen = new Set<string>()
    this.progress = { loaded: 0, total: 0 }
    for (const filter of this.options.filters) {
      let offset = 0
      let total = Infinity
      while (offset < total && !this.stopped) {
        const page = await this.deps.list({ filter, offset, limit: this.options.pageSize })
        if (offset === 0) this.progress = { loaded: this.progress.loaded, total: this.progress.total + page.total }
        total = page.total
        offset += this.options.pageSize
        const fresh = page.rows.filter((r) => !seen.has(r.id))
        for (const r of fresh) seen.add(r.id)
        const delta = toDelta(this.rows, [], fresh)
        applyDelta(this.rows, delta)
        this.progress = { loaded: this.progress.loaded + page.rows.length, total: this.progress.total }
        this.emit(delta, phase, true)
        if (page.rows.length === 0) break
      }
    }
    if (phase === 'reset') {
      const gone = [...this.rows.keys()].filter((id) => !seen.has(id))
      const delta = { add: [], update: [], remove: gone }
      applyDelta(this.rows, delta)
      this.emit(delta, phase, true)
    }
    this.ready = true
    this.emit({ add: [], update: [], remove: [] }, phase)
  }

  private async fetchDirty(): Promise<void> {
    const max = this.options.maxIdsPerFetch ?? 5000
    const ids = [...this.dirty].slice(0, max)
    for (const id of ids) this.dirty.delete(id)
    const page = await this.deps
      .list({ filter: { ids }, offset: 0, limit: Math.max(1, ids.length) })
      .catch((err: unknown) => {
        for (const id of ids) this.dirty.add(id)
        throw err
      })
    const kept = page.rows.filter((r) => this.options.keep(r))
    const delta = toDelta(this.rows, ids, kept)
    applyDelta(this.rows, delta)
    this.emit(delta, 'live')
  }

  private emit(delta: RowDelta, phase: FeedPhase, loading = false): void {
    if (this.stopped) return
    this.listener({ delta, phase, progress: this.progress, ready: this.ready, loading })
  }
}
