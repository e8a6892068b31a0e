import type { SqlExecutor } from '@infra/sqlite'
import type { Aggregates, MapFigures } from '@shared/contract'
import type { PushHub } from '../push-hub'
import type { StatusBoard } from '../status-board'
import { composeAggregates, composeMap, type ComposeMeta } from './compose'
import { applyDirty, loadAll, loadDays, loadToday } from './load'
import { emptyState, type AggregateState } from './state'
import { clockFor, dayIndex, windowDays } from './time-buckets'

/** The store's connection: statements, and transactions that hold it so nothing interleaves. */
export interface AggregateDb extends SqlExecutor {
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>
}

/** A second connection to the same file, for reads that take long: one snapshot, nothing held. */
export interface SnapshotDb {
  snapshot<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>
}

export interface AggregateEngineOptions {
  readonly db: AggregateDb
  /**
   * Where full recomputes read (a read-only connection to the store). A full load of a large cache
   * takes seconds; on the store's own connection it would hold up every sync write and window
   * request meanwhile. Changes committed while it reads arrive as change notices and are applied
   * after it, and applying one the snapshot already holds changes nothing.
   */
  readonly snapshotDb?: SnapshotDb
  readonly hub: PushHub
  readonly status: StatusBoard
  readonly windowDays?: number
  readonly tzOffsetMinutes?: number
  /** At most one push per this interval (the issue: once a second). */
  readonly pushIntervalMs?: number
  /**
   * While the cache catches up (the status says so, with its progress) the figures are not live
   * anyway: refresh this seldom, so the refreshes' reads do not slow the catch-up itself.
   */
  readonly catchUpIntervalMs?: number
  /** How often the clock alone is re-evaluated (overdue cases appear as time passes). */
  readonly tickMs?: number
  /** Beyond this many changed incidents a full recompute is cheaper than per-row work. */
  readonly fullAbove?: number
  readonly now?: () => number
}

/**
 * The core's situation figures: loaded once, then kept current from the sync
 * engine's change notices (only the days a change touched are recomputed in SQL),
 * composed in memory, and pushed to every window at most once a second. Every
 * window reads this one copy: no aggregate is computed twice.
 */
export class AggregateEngine {
  private readonly state: AggregateState
  private readonly dirty = new Set<string>()
  private dirtyAll = false
  private timer: NodeJS.Timeout | null = null
  /** The pending timer was set at the catch-up pace. */
  private slowTimer = false
  /** A timed refresh is being applied: the next one is planned from when it ends. */
  private refreshing = false
  private ticker: NodeJS.Timeout | null = null
  private running: Promise<void> = Promise.resolve()
  private lastPush = 0
  private version = 0
  private fingerprint = ''
  private current: Aggregates | null = null
  private currentMap: MapFigures | null = null
  private unsubscribe: (() => void) | null = null
  private stopped = false

  constructor(private readonly o: AggregateEngineOptions) {
    this.state = emptyState(clockFor(o.tzOffsetMinutes), o.windowDays ?? 30)
  }

  private now(): number {
    return (this.o.now ?? Date.now)()
  }

  async start(): Promise<void> {
    this.unsubscribe = this.o.hub.subscribe((name, payload) => {
      if (name === 'status') {
        // Caught up: what waited for the slower catch-up pace goes now.
        if ((payload as { connection: string }).connection !== 'catching_up' && this.timer && this.slowTimer) {
          clearTimeout(this.timer)
          this.timer = null
          this.schedule()
        }
        return
      }
      if (name !== 'changes') return
      const notice = payload as { incidentIds: readonly string[]; all: boolean }
      this.markDirty(notice.incidentIds, notice.all)
    })
    await this.serial(() => this.full())
    const tick = this.o.tickMs ?? 30_000
    this.ticker = setInterval(() => this.schedule(), tick)
    this.ticker.unref?.()
  }

  stop(): Promise<void> {
    this.stopped = true
    this.unsubscribe?.()
    if (this.timer) clearTimeout(this.timer)
    if (this.ticker) clearInterval(this.ticker)
    this.timer = this.ticker = null
    return this.running
  }

  /** The latest figures (composed now if nothing was pushed yet). */
  async get(): Promise<Aggregates> {
    await this.running
    if (!this.current) await this.serial(async () => this.compose())
    return this.current as Aggregates
  }

  async map(): Promise<MapFigures> {
    await this.running
    if (!this.currentMap) await this.serial(async () => this.compose())
    return this.currentMap as MapFigures
  }

  markDirty(ids: readonly string[], all = false): void {
    if (all) this.dirtyAll = true
    for (const id of ids) this.dirty.add(id)
    this.schedule()
  }

  /** Applies what is dirty now and composes (tests and benchmarks call it directly). */
  refresh(): Promise<void> {
    return this.serial(() => this.apply())
  }

  /** Recomputes everything from the cache (the baseline). */
  recomputeAll(): Promise<void> {
    return this.serial(() => this.full())
  }

  private serial(work: () => Promise<void>): Promise<void> {
    const next = this.running.then(work, work)
    this.running = next.catch(() => undefined)
    return next
  }

  private schedule(): void {
    if (this.timer || this.stopped || this.refreshing) return
    this.slowTimer = this.o.status.get().connection === 'catching_up'
    const interval = this.slowTimer ? (this.o.catchUpIntervalMs ?? 5000) : (this.o.pushIntervalMs ?? 1000)
    const wait = Math.max(0, this.lastPush + interval - Date.now())
    this.timer = setTimeout(() => {
      this.timer = null
      this.refreshing = true
      void this.serial(() => this.apply())
        .catch(() => undefined)
        .finally(() => {
          // Paced from the push, not from the start of the work: a slow refresh and a quick one
          // after it never come closer together than the interval.
          this.refreshing = false
          this.lastPush = Date.now()
          if (this.dirtyAll || this.dirty.size > 0) this.schedule()
        })
    }, wait)
    this.timer.unref?.()
  }

  private async full(): Promise<void> {
    this.dirty.clear()
    this.dirtyAll = false
    const basis = this.o.status.get()
    const now = this.now()
    const load = (tx: SqlExecutor) => loadAll(tx, this.state, now)
    await (this.o.snapshotDb ? this.o.snapshotDb.snapshot(load) : this.o.db.transaction(load))
    this.compose(basis)
  }

  private async apply(): Promise<void> {
    if (this.stopped) return
    const now = this.now()
    if (this.dirtyAll || this.dirty.size > (this.o.fullAbove ?? 50_000)) return this.full()
    const ids = [...this.dirty]
    this.dirty.clear()
    // The figures are at least as new as the cursor now: every batch up to it has marked its cases
    // dirty (a batch's notice goes out with its cursor). Later batches may be read too, never fewer.
    const basis = this.o.status.get()
    // One snapshot: no sync batch commits between the reads of one refresh.
    await this.o.db.transaction(async (tx) => {
      // Deltas first, onto the days already held; then a new district day is read whole from the
      // table, which already holds these changes. (The other way round, a change that landed after
      // midnight was counted twice: once in the new day's read, once as a delta.)
      if (ids.length > 0) await applyDirty(tx, this.state, ids, now)
      await this.rollOver(tx, now)
    })
    this.compose(basis)
  }

  /** A new district day: load the days that entered the window and start today's reports afresh. */
  private async rollOver(db: SqlExecutor, now: number): Promise<void> {
    const today = dayIndex(this.state.clock, now)
    if (today === this.state.todayIndex) return
    const missing = windowDays(this.state.clock, now, this.state.windowDays).filter((d) => !this.state.days.has(d))
    await loadDays(db, this.state, missing)
    for (const d of [...this.state.days.keys()]) if (d < today - this.state.windowDays) this.state.days.delete(d)
    await loadToday(db, this.state, now)
  }

  /** `basis`: the sync status the figures were read at (the cursor and data time they claim). */
  private compose(basis = this.o.status.get()): void {
    const now = this.now()
    const meta: ComposeMeta = { version: this.version + 1, dataAsOf: basis.newestEventAt, cursor: basis.cursor }
    const next = composeAggregates(this.state, now, meta)
    const { computedAt: _c, version: _v, ...rest } = next
    void _c
    void _v
    const fingerprint = JSON.stringify(rest)
    if (fingerprint === this.fingerprint && this.current) return
    this.fingerprint = fingerprint
    this.version = meta.version
    this.current = next
    this.currentMap = composeMap(this.state, now, meta)
    if (!this.stopped) this.o.hub.emit('aggregates', next)
  }
}
