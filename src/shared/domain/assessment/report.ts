import type { ReferenceData } from '../reference'
import { AssessmentLedger } from './ledger'
import { LeagueBook } from './league'
import { customPeriod, periodAt, previousPeriod, type Period } from './periods'
import type { RuleSet, Step, UnitKind } from './rules'
import { scoreUnit, type ScoreLine, type UnitScore } from './score'
import { directoryFrom, type AssessedCase } from './steps'
import type { StepFigures } from './tally'

/**
 * A period's leagues as the workstation shows them and the server freezes them: ONE assembly of
 * judging, scoring and ranking, used by both (src/main/core/assessment/report.ts and
 * src/server/assessment/compute.ts wrap it with their own error types).
 */

/** A month, quarter or year (the one containing `at`, default now), or a custom range of days. */
export type PeriodRequest =
  | { readonly kind: 'month' | 'quarter' | 'year'; readonly at?: number }
  | { readonly kind: 'custom'; readonly first: string; readonly last: string }

/** A period request that names no period (a custom range that ends before it starts, a bad date). */
export class PeriodError extends Error {}

export function periodOfRequest(spec: PeriodRequest, now: number): Period {
  if (spec.kind !== 'custom') return periodAt(spec.kind, spec.at ?? now)
  try {
    return customPeriod(spec.first, spec.last)
  } catch (err) {
    throw new PeriodError(err instanceof Error ? err.message : String(err))
  }
}

/** One unit's row in a league: its score, rank, change and card lines, and its figures per step. */
export interface ReportRow {
  readonly kind: UnitKind
  readonly id: string
  /** Unrounded; shown with two decimals. */
  readonly score: number
  /** Null: below the minimum volume (样本不足). */
  readonly rank: number | null
  readonly bottom: boolean
  readonly previousScore: number | null
  readonly change: number | null
  readonly volume: number
  readonly lines: readonly ScoreLine[]
  readonly steps: Partial<Record<Step, StepFigures>>
}

export interface ReportLeague {
  readonly unitKind: UnitKind
  /** Best first. */
  readonly ranked: readonly ReportRow[]
  /** 样本不足, by id. */
  readonly insufficient: readonly ReportRow[]
}

export interface ReportLeagues {
  readonly previous: Period
  /** min(at, period end): the instant the period is judged at. */
  readonly evaluatedAt: number
  readonly leagues: readonly ReportLeague[]
  /** The platform's own figures for the period. */
  readonly platform: Partial<Record<Step, StepFigures>>
}

/**
 * A period's leagues kept current: the period's ledger and the previous period's (its scores are
 * the change column) over the same cases, and each unit kind's league kept in order (LeagueBook).
 * A change re-judges only the changed cases (upsert), moving the clock only the cases whose
 * judgement changes by then (advance), and reading a league re-scores and re-places only the units
 * whose figures changed since it was last read; a league with none is the same object again.
 * Built from scratch it is reportLeagues; test/unit/domain/assessment-live.test.ts checks the two agree.
 */
export class PeriodLeagues {
  readonly previous: Period
  private readonly current: AssessmentLedger
  private readonly before: AssessmentLedger
  private readonly books = new Map<UnitKind, LeagueBook>()
  private readonly earlier = new Map<UnitKind, Map<string, UnitScore>>()
  private readonly built = new Map<UnitKind, ReportLeague>()
  private readonly rowsOf = new Map<UnitKind, Map<string, ReportRow>>()
  private readonly rules: RuleSet
  private at: number

  constructor(
    incidents: Iterable<AssessedCase>,
    o: {
      readonly ref: Pick<ReferenceData, 'grids' | 'workers'>
      readonly rules: RuleSet
      readonly period: Period
      readonly at: number
    },
  ) {
    const dir = directoryFrom(o.ref)
    this.rules = o.rules
    this.at = o.at
    this.previous = previousPeriod(o.period)
    this.current = new AssessmentLedger({ rules: o.rules, dir, period: o.period }, o.at)
    this.before = new AssessmentLedger({ rules: o.rules, dir, period: this.previous }, o.at)
    for (const i of incidents) {
      this.current.insert(i)
      if (i.reportedAt < this.previous.to) this.before.insert(i)
    }
  }

  /** min(at, period end): the instant the period is judged at. */
  get evaluatedAt(): number {
    return this.current.evaluatedAt
  }

  upsert(incident: AssessedCase): void {
    this.current.upsert(incident)
    // Every step falls due at or after the report (period-cases.ts relies on it too): a case
    // reported after the previous period cannot count in it, and its report time never changes.
    if (incident.reportedAt < this.previous.to) this.before.upsert(incident)
  }

  remove(id: string): void {
    this.current.remove(id)
    this.before.remove(id)
  }

  /** Moves the evaluation time forward (an earlier time is ignored: the clock only moves forward). */
  advance(at: number): void {
    if (at <= this.at) return
    this.at = at
    this.current.advance(at)
    this.before.advance(at)
  }

  league(unitKind: UnitKind): ReportLeague {
    const rules = this.rules
    let book = this.books.get(unitKind)
    let earlier = this.earlier.get(unitKind)
    const now = this.current.takeChanges(unitKind)
    const then = this.before.takeChanges(unitKind)
    if (!book || !earlier) {
      const scores = this.current.units(unitKind).map((f) => scoreUnit(f, rules))
      this.books.set(unitKind, (book = LeagueBook.of(scores, rules)))
      const previous = this.before.units(unitKind).map((f): [string, UnitScore] => [f.id, scoreUnit(f, rules)])
      this.earlier.set(unitKind, (earlier = new Map(previous)))
    } else {
      const held = this.built.get(unitKind)
      if (held && now.size === 0 && then.size === 0) return held
      for (const id of now) {
        const f = this.current.unit(unitKind, id)
        if (f) book.set(scoreUnit(f, rules))
        else book.delete(id)
      }
      for (const id of then) {
        const f = this.before.unit(unitKind, id)
        if (f) earlier.set(id, scoreUnit(f, rules))
        else earlier.delete(id)
      }
    }
    // A unit whose score, place and previous score are as last time keeps its row object.
    const last = this.rowsOf.get(unitKind)
    const next = new Map<string, ReportRow>()
    const make = (
      e: UnitScore,
      rank: number | null,
      bottom: boolean,
      previousScore: number | null,
      change: number | null,
    ): ReportRow => {
      const steps = this.current.unit(unitKind, e.id)?.steps ?? {}
      const old = last?.get(e.id)
      const row =
        old &&
        old.lines === e.lines &&
        old.score === e.score &&
        old.volume === e.volume &&
        old.steps === steps &&
        old.rank === rank &&
        old.bottom === bottom &&
        old.previousScore === previousScore &&
        old.change === change
          ? old
          : {
              kind: e.kind,
              id: e.id,
              score: e.score,
              rank,
              bottom,
              previousScore,
              change,
              volume: e.volume,
              lines: e.lines,
              steps,
            }
      next.set(e.id, row)
      return row
    }
    const league = book.rows(earlier, make)
    this.rowsOf.set(unitKind, next)
    const out: ReportLeague = { unitKind, ranked: league.ranked, insufficient: league.insufficient }
    this.built.set(unitKind, out)
    return out
  }

  /** The leagues of `kinds` with the period's platform figures. */
  report(kinds: readonly UnitKind[]): ReportLeagues {
    return {
      previous: this.previous,
      evaluatedAt: this.evaluatedAt,
      leagues: kinds.map((k) => this.league(k)),
      platform: this.current.platform(),
    }
  }

  /** The cases held (every one put in and not removed). */
  cases(): IterableIterator<AssessedCase> {
    return this.current.cases()
  }
}

/**
 * The leagues of `kinds` in `period`, judged at `at` under `rules`, with the previous period's
 * scores beside. Pure: the same cases, rules, period and instant give the same leagues.
 */
export function reportLeagues(
  incidents: Iterable<AssessedCase>,
  o: {
    readonly ref: Pick<ReferenceData, 'grids' | 'workers'>
    readonly rules: RuleSet
    readonly period: Period
    readonly kinds: readonly UnitKind[]
    readonly at: number
  },
): ReportLeagues {
  return new PeriodLeagues(incidents, o).report(o.kinds)
}
