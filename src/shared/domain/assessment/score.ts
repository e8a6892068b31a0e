import type { UnitFigures } from './ledger'
import type { Rate } from './rates'
import {
  INDICATOR_STEP,
  LOWER_IS_BETTER,
  MAIN_STEP,
  type DeductionEvent,
  type IndicatorId,
  type RuleSet,
  type Step,
  type UnitKind,
} from './rules'
import type { StepFigures } from './tally'

export interface IndicatorLine {
  readonly type: 'indicator'
  readonly indicator: IndicatorId
  readonly step: Step
  readonly rate: Rate
  /** The cases behind the rate (its denominator). */
  readonly judged: number
  readonly threshold: number
  readonly points: number
  readonly perPoint: number
  /** points − deduction, never below 0. */
  readonly earned: number
}

export interface EventLine {
  readonly type: 'event'
  readonly event: DeductionEvent
  readonly step: Step
  readonly count: number
  readonly perEvent: number
  readonly deduction: number
}

export type ScoreLine = IndicatorLine | EventLine

export interface UnitScore {
  readonly kind: UnitKind
  readonly id: string
  /** Σ earned − Σ event deductions, never below 0; unrounded (shown with two decimals). */
  readonly score: number
  readonly lines: readonly ScoreLine[]
  /** Judged cases of the unit kind's main step: decides the minimum volume. */
  readonly volume: number
  /** The main step's on-time rate: the first tie-break. */
  readonly mainRate: Rate
}

/** The step an indicator reads for this unit kind (a rework rate reads the unit's main step). */
export function indicatorStep(indicator: IndicatorId, kind: UnitKind): Step {
  return indicator === 'rework_rate' ? MAIN_STEP[kind] : INDICATOR_STEP[indicator]
}

export function indicatorRate(indicator: IndicatorId, f: StepFigures | undefined): Rate {
  if (!f) return null
  if (indicator === 'rework_rate') return f.reworkRate
  if (indicator === 'completion' || indicator === 'urgent_completion' || indicator === 'rectification')
    return f.completionRate
  return f.onTimeRate
}

/**
 * Points earned on one indicator: full points at or past the threshold, less `perPoint` per
 * percentage point short of it, never below 0; full points when nothing was there to judge.
 */
export function earnedPoints(
  indicator: IndicatorId,
  rate: Rate,
  rule: { points: number; threshold: number; perPoint: number },
): number {
  if (rate === null) return rule.points
  const shortfall = LOWER_IS_BETTER.has(indicator) ? rate - rule.threshold : rule.threshold - rate
  if (shortfall <= 0) return rule.points
  return Math.max(0, rule.points - rule.perPoint * shortfall * 100)
}

/** Scores already computed, per figures object and rule set (the ledger hands out the same figures object while a unit is unchanged). */
const scored = new WeakMap<UnitFigures, { readonly rules: RuleSet; readonly score: UnitScore }>()

/** A unit's score, line by line, under a rule set (remembered while its figures and the rules stay the same objects). */
export function scoreUnit(f: UnitFigures, rules: RuleSet): UnitScore {
  const memo = scored.get(f)
  if (memo && memo.rules === rules) return memo.score
  const score = scoreOf(f, rules)
  scored.set(f, { rules, score })
  return score
}

function scoreOf(f: UnitFigures, rules: RuleSet): UnitScore {
  const rule = rules.units[f.kind]
  const lines: ScoreLine[] = []
  let score = 0
  for (const r of rule.indicators) {
    const step = indicatorStep(r.indicator, f.kind)
    const figures = f.steps[step]
    const rate = indicatorRate(r.indicator, figures)
    const earned = earnedPoints(r.indicator, rate, r)
    score += earned
    lines.push({
      type: 'indicator',
      indicator: r.indicator,
      step,
      rate,
      judged: figures?.judged ?? 0,
      threshold: r.threshold,
      points: r.points,
      perPoint: r.perPoint,
      earned,
    })
  }
  const main = f.steps[MAIN_STEP[f.kind]]
  for (const d of rule.deductions) {
    const count = d.event === 'verification_failure' ? (main?.failures ?? 0) : (main?.repeatFailures ?? 0)
    const deduction = count * d.points
    score -= deduction
    lines.push({ type: 'event', event: d.event, step: MAIN_STEP[f.kind], count, perEvent: d.points, deduction })
  }
  return {
    kind: f.kind,
    id: f.id,
    score: Math.max(0, score),
    lines,
    volume: main?.judged ?? 0,
    mainRate: main?.onTimeRate ?? null,
  }
}
