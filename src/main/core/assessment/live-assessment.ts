import { performance } from 'node:perf_hooks'
import type { SqlExecutor } from '@infra/sqlite'
import { PeriodLeagues, previousPeriod, type Period, type ReferenceData, type RuleSet } from '@shared/domain'
import type { PushHub } from '../push-hub'
import type { StatusBoard } from '../status-board'
import { loadCases, loadPeriodCases } from './period-cases'

type Ref = Pick<ReferenceData, 'grids' | 'workers'> & { readonly version?: string }

/** A period's leagues as last brought up to date, and what changed in the cache since. */
interface Held {
  readonly key: string
  /** Null while its first read runs. */
  leagues: PeriodLeagues | null
  readonly dirty: Set<string>
}

export interface LiveAssessmentOptions {
  /** The store: snapshots for the reads (every case of one refresh read at one log position). */
  readonly db: { snapshot<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> }
  readonly status: Pick<StatusBoard, 'get'>
  /** The change notices of the sync engine and the local commands; without it nothing is kept. */
  readonly hub?: PushHub
  /** How many periods are kept (the screen's and the wall's year, typically). */
  readonly keep?: number
  /** Told how long a first computation's read from the cache and its judging took (the benchmark's breakdown). */
  readonly onTiming?: (phase: 'read' | 'judge', ms: number) => void
}

/**
 * The core's assessment between requests (docs/assessment.md §12): a period's judged ledgers and
 * leagues are kept after the first request; the sync engine's change notices mark the changed
 * cases, and the next request reads only those (loadCases), re-judges them, moves the clock, and
 * re-ranks only the leagues whose units changed. A reset of the cache (a notice for every case),
 * other rules or other reference data start that period again from the cache. Requests are
 * served one at a time (one ledger is never changed by two at once).
 */
export class LiveAssessment {
  private readonly held: Held[] = []
  private running: Promise<unknown> = Promise.resolve()
  private readonly unsubscribe: () => void

  constructor(private readonly o: LiveAssessmentOptions) {
    this.unsubscribe =
      o.hub?.subscribe((name, payload) => {
        if (name !== 'changes') return
        const notice = payload as { incidentIds: readonly string[]; all: boolean }
        if (notice.all) this.held.length = 0
        else for (const h of this.held) for (const id of notice.incidentIds) h.dirty.add(id)
      }) ?? (() => undefined)
  }

  stop(): void {
    this.unsubscribe()
    this.held.length = 0
  }

  /**
   * The period's leagues under `rules`, judged at `at` (with the previous period's beside), and
   * the cache's log position they are at. The leagues object is the kept one: read it before the
   * next request.
   */
  leagues(period: Period, rules: RuleSet, ref: Ref, at: number): Promise<{ leagues: PeriodLeagues; cursor: number }> {
    const next = this.running.then(() => this.bring(period, rules, ref, at))
    this.running = next.catch(() => undefined)
    return next
  }

  private async bring(period: Period, rules: RuleSet, ref: Ref, at: number) {
    const key = `${period.from}/${period.to}/${ref.version ?? ''}/${JSON.stringify(rules)}`
    const found = this.held.findIndex((h) => h.key === key && h.leagues !== null)
    const h = this.held[found]
    if (h?.leagues) {
      const leagues = h.leagues
      // Most recently used last.
      this.held.splice(found, 1)
      this.held.push(h)
      const ids = [...h.dirty]
      h.dirty.clear()
      const { changed, cursor } = await this.o.db.snapshot(async (tx) => ({
        changed: ids.length > 0 ? await loadCases(tx, ids) : [],
        cursor: this.o.status.get().cursor,
      }))
      const present = new Set<string>()
      for (const c of changed) {
        present.add(c.id)
        leagues.upsert(c)
      }
      // A changed case no longer in the cache (retention) leaves the figures.
      for (const id of ids) if (!present.has(id)) leagues.remove(id)
      leagues.advance(at)
      return { leagues, cursor }
    }
    const dirty = new Set<string>()
    // Registered before the read: a change committed while it reads is read again next time.
    const entry: Held | null = this.o.hub ? { key, leagues: null, dirty } : null
    if (entry) this.held.push(entry)
    try {
      const started = performance.now()
      const { incidents, cursor } = await this.o.db.snapshot(async (tx) => ({
        // The period and the one before it (its scores are the change column).
        incidents: await loadPeriodCases(tx, { from: previousPeriod(period).from, to: period.to }, rules),
        cursor: this.o.status.get().cursor,
      }))
      const read = performance.now()
      const leagues = new PeriodLeagues(incidents, { ref, rules, period, at })
      this.o.onTiming?.('read', read - started)
      this.o.onTiming?.('judge', performance.now() - read)
      if (entry) {
        entry.leagues = leagues
        while (this.held.length > (this.o.keep ?? 3)) this.held.shift()
      }
      return { leagues, cursor }
    } catch (err) {
      const index = entry ? this.held.indexOf(entry) : -1
      if (index >= 0) this.held.splice(index, 1)
      throw err
    }
  }
}
