import { z } from 'zod'
import { CLOCK_RULES } from './clock'

/** Everything that is graded (考核对象). */
export const UNIT_KINDS = [
  'department',
  'team',
  'town',
  'medium_grid',
  'small_grid',
  'grid_worker',
  'operator',
] as const
export type UnitKind = (typeof UNIT_KINDS)[number]

/**
 * Each party's own step (docs/assessment.md): a step is due at a time and done (or not) at another.
 * - intake 受理: report → accept/reject/merge (or a dispatch straight from the report); command room.
 * - dispatch 派遣: intake → first dispatch; command room.
 * - handling 处置: first dispatch → the handler's feedback, within the handling deadline; department/team.
 * - verify 核查: feedback → verification (or closure); grid worker of the case's grid.
 * - closing 结案: report → close, within the handling deadline; the platform and each area.
 *   urgent_closing and hazard_closing are the same step for urgent cases and for fire/gas hazards (整改).
 */
export const STEPS = [
  'intake',
  'dispatch',
  'handling',
  'verify',
  'closing',
  'urgent_closing',
  'hazard_closing',
] as const
export type Step = (typeof STEPS)[number]

/** The graded indicators, each a rate over one step's population. */
export const INDICATORS = [
  'handling_on_time',
  'intake_timely',
  'dispatch_timely',
  'verify_timely',
  'closing_on_time',
  'completion',
  'urgent_on_time',
  'urgent_completion',
  'rectification',
  'rework_rate',
] as const
export type IndicatorId = (typeof INDICATORS)[number]

export const DEDUCTION_EVENTS = ['verification_failure', 'repeat_failure'] as const
export type DeductionEvent = (typeof DEDUCTION_EVENTS)[number]

/**
 * How units with equal scores (two decimals) are ordered: `main_rate` — the higher main-step rate,
 * then more judged cases; `volume` — more judged cases, then the higher main-step rate. Units still
 * equal share a rank and are listed by id.
 */
export const TIE_BREAKS = ['main_rate', 'volume'] as const
export type TieBreak = (typeof TIE_BREAKS)[number]

/** The year's 整改率 target when a rule set names none (fire and gas hazards rectified on time). */
export const DEFAULT_RECTIFICATION_TARGET = 0.95

const points = z.number().min(0).max(1000)
const share = z.number().min(0).max(1)
const hours = z
  .number()
  .positive()
  .max(24 * 365)

export const indicatorRuleSchema = z.object({
  indicator: z.enum(INDICATORS),
  /** Full points (权重/基础分). */
  points,
  /** The rate that earns the full points (for rework_rate: the most that still does). */
  threshold: share,
  /** Points off per percentage point below (above, for rework_rate) the threshold; never below 0. */
  perPoint: points,
})
export type IndicatorRule = z.infer<typeof indicatorRuleSchema>

export const deductionRuleSchema = z.object({
  event: z.enum(DEDUCTION_EVENTS),
  /** Points off per event (e.g. each case failing verification −0.2). */
  points,
})
export type DeductionRule = z.infer<typeof deductionRuleSchema>

export const unitRuleSchema = z.object({
  indicators: z.array(indicatorRuleSchema).min(1).max(10),
  deductions: z.array(deductionRuleSchema).max(10),
})
export type UnitRule = z.infer<typeof unitRuleSchema>

/** 评分细则: versioned; every report names the version it was computed with. */
export const ruleSetSchema = z.object({
  version: z.string().trim().min(1).max(40),
  name: z.string().trim().min(1).max(100),
  clock: z.enum(CLOCK_RULES),
  /** Standard times of the command room's and grid workers' own steps. */
  limits: z.object({ intakeHours: hours, dispatchHours: hours, verifyHours: hours }),
  /** Below this many judged cases a unit is shown apart (样本不足), not ranked. */
  minVolume: z.number().int().min(1).max(10_000),
  /** How many of the last ranked units are highlighted. */
  bottomN: z.number().int().min(0).max(100),
  /** The tie rule (older revisions, saved before it was a choice, read as `main_rate`). */
  tieBreak: z.enum(TIE_BREAKS).default('main_rate'),
  /**
   * The year's targets (年度目标): the wall shows the year-to-date 整改率 against `rectification`.
   * Rule sets saved before targets existed read with the default (the schema fills it in).
   */
  targets: z
    .object({ rectification: share.default(DEFAULT_RECTIFICATION_TARGET) })
    .default({ rectification: DEFAULT_RECTIFICATION_TARGET }),
  units: z.object(
    Object.fromEntries(UNIT_KINDS.map((k) => [k, unitRuleSchema])) as Record<UnitKind, typeof unitRuleSchema>,
  ),
})
export type RuleSet = z.infer<typeof ruleSetSchema>

/** Which step each indicator is a rate over, and which step decides a unit kind's volume. */
export const INDICATOR_STEP: Record<IndicatorId, Step> = {
  handling_on_time: 'handling',
  intake_timely: 'intake',
  dispatch_timely: 'dispatch',
  verify_timely: 'verify',
  closing_on_time: 'closing',
  completion: 'closing',
  urgent_on_time: 'urgent_closing',
  urgent_completion: 'urgent_closing',
  rectification: 'hazard_closing',
  rework_rate: 'handling',
}

/** Lower is better for these (the threshold is a ceiling). */
export const LOWER_IS_BETTER: ReadonlySet<IndicatorId> = new Set(['rework_rate'])

/** The step a unit kind is judged on first: its volume (minimum volume) and its tie-break rate. */
export const MAIN_STEP: Record<UnitKind, Step> = {
  department: 'handling',
  team: 'handling',
  town: 'closing',
  medium_grid: 'closing',
  small_grid: 'closing',
  grid_worker: 'verify',
  operator: 'intake',
}

const area = (): UnitRule => ({
  indicators: [
    { indicator: 'closing_on_time', points: 40, threshold: 0.85, perPoint: 1 },
    { indicator: 'completion', points: 20, threshold: 0.9, perPoint: 1 },
    { indicator: 'rectification', points: 20, threshold: 0.95, perPoint: 1 },
    { indicator: 'urgent_on_time', points: 20, threshold: 0.95, perPoint: 2 },
  ],
  deductions: [{ event: 'repeat_failure', points: 1 }],
})

const handler = (): UnitRule => ({
  indicators: [
    { indicator: 'handling_on_time', points: 70, threshold: 0.9, perPoint: 1 },
    { indicator: 'rework_rate', points: 30, threshold: 0.1, perPoint: 1 },
  ],
  deductions: [
    { event: 'verification_failure', points: 0.2 },
    { event: 'repeat_failure', points: 1 },
  ],
})

/** The rule set every installation starts with (docs/assessment.md states it in full). */
export const DEFAULT_RULE_SET: RuleSet = {
  version: 'ZS-2026.1',
  name: '中山市综合网格考核评分细则（默认）',
  clock: 'original',
  limits: { intakeHours: 1, dispatchHours: 2, verifyHours: 24 },
  minVolume: 5,
  bottomN: 3,
  tieBreak: 'main_rate',
  targets: { rectification: DEFAULT_RECTIFICATION_TARGET },
  units: {
    department: handler(),
    team: handler(),
    town: area(),
    medium_grid: area(),
    small_grid: area(),
    grid_worker: {
      indicators: [{ indicator: 'verify_timely', points: 100, threshold: 0.9, perPoint: 1 }],
      deductions: [],
    },
    operator: {
      indicators: [
        { indicator: 'intake_timely', points: 50, threshold: 0.95, perPoint: 1 },
        { indicator: 'dispatch_timely', points: 50, threshold: 0.95, perPoint: 1 },
      ],
      deductions: [],
    },
  },
}
