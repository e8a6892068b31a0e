import type { ReferenceData } from '../reference'
import { assessPeriod } from './ledger'
import { rankUnits, type LeagueEntry } from './league'
import { customPeriod, periodAt, previousPeriod, type Period } from './periods'
import type { RuleSet, Step, UnitKind } from './rules'
import { scoreUnit, type ScoreLine } from './score'
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
  const list = Array.isArray(incidents) ? (incidents as readonly AssessedCase[]) : [...incidents]
  const dir = directoryFrom(o.ref)
  const previous = previousPeriod(o.period)
  const current = assessPeriod(list, { rules: o.rules, dir, period: o.period }, o.at)
  const before = assessPeriod(list, { rules: o.rules, dir, period: previous }, o.at)
  const leagues = o.kinds.map((unitKind): ReportLeague => {
    const figures = new Map(current.units(unitKind).map((u) => [u.id, u]))
    const league = rankUnits(
      [...figures.values()].map((f) => scoreUnit(f, o.rules)),
      o.rules,
      before.units(unitKind).map((f) => scoreUnit(f, o.rules)),
    )
    const row = (e: LeagueEntry): ReportRow => ({
      kind: e.kind,
      id: e.id,
      score: e.score,
      rank: e.rank,
      bottom: e.bottom,
      previousScore: e.previousScore,
      change: e.change,
      volume: e.volume,
      lines: e.lines,
      steps: figures.get(e.id)?.steps ?? {},
    })
    return { unitKind, ranked: league.ranked.map(row), insufficient: league.insufficient.map(row) }
  })
  return { previous, evaluatedAt: current.evaluatedAt, leagues, platform: current.platform() }
}
