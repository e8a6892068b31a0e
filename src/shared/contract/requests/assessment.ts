import { z } from 'zod'
import {
  CASE_SETS,
  STEPS,
  UNIT_KINDS,
  type Period,
  type ReportRow,
  type Step,
  type StepFigures,
  type UnitKind,
} from '../../domain'
import { request } from '../define'
import type { IncidentFilter } from './incidents'

/**
 * The assessment area (考核, docs/assessment.md): a period's league of one unit kind under the
 * active rule set, each unit's card line by line, and the cases behind any line.
 */

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')

/** A month, quarter or year (the one containing `at`, default now), or a custom range of days. */
export const periodSpecSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.enum(['month', 'quarter', 'year']), at: z.number().int().nonnegative().optional() }),
  z.object({ kind: z.literal('custom'), first: day, last: day }),
])
export type PeriodSpec = z.infer<typeof periodSpecSchema>

/** One line of a unit's card: the cases behind it are a drill the console opens. */
export const assessmentLineSchema = z.object({
  period: periodSpecSchema,
  unit: z.object({ kind: z.enum([...UNIT_KINDS, 'platform']), id: z.string().max(64) }),
  step: z.enum(STEPS),
  set: z.enum(CASE_SETS),
  /**
   * A frozen report's line: its cases judged as the report was (at its evaluation instant, under
   * its rule-set revision), not as today's recomputation judges them (docs/assessment.md §13).
   */
  asOf: z
    .object({
      report: z.number().int().positive(),
      evaluatedAt: z.number().int().nonnegative(),
      ruleSetRevision: z.number().int().positive(),
    })
    .optional(),
})
export type AssessmentLine = z.infer<typeof assessmentLineSchema>

/** One unit's row in a league (the shared assembly's ReportRow, src/shared/domain/assessment/report.ts). */
export type AssessmentRow = ReportRow

export interface AssessmentReport {
  readonly period: Period
  readonly previous: Period
  readonly unitKind: UnitKind
  readonly ruleSet: { readonly version: string; readonly name: string }
  /** Below this many judged cases a unit is listed apart (样本不足), not ranked. */
  readonly minVolume: number
  /** min(now, period end): the instant the period is judged at. */
  readonly evaluatedAt: number
  readonly computedAt: number
  /** The cache's log position (last seq applied) the figures were computed at. */
  readonly cursor: number
  readonly ranked: readonly AssessmentRow[]
  readonly insufficient: readonly AssessmentRow[]
  /** The platform's own figures for the period (按期结案率 and the rest). */
  readonly platform: Partial<Record<Step, StepFigures>>
}

/** The cases behind one line: the ids, and a filter the console opens them with (as a drill does). */
export interface AssessmentCases {
  readonly ids: readonly string[]
  readonly filter: IncidentFilter
  readonly total: number
  readonly computedAt: number
}

export const assessmentRequests = {
  'assessment.report': request<AssessmentReport>()(
    z.object({ period: periodSpecSchema, unitKind: z.enum(UNIT_KINDS) }),
  ),
  /** The cases behind one line of a unit's card, as a drill the console opens. */
  'assessment.cases': request<AssessmentCases>()(assessmentLineSchema),
}
