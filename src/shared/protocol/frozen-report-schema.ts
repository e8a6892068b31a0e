import { z } from 'zod'
import { DEDUCTION_EVENTS, INDICATORS, PERIOD_KINDS, STEPS, UNIT_KINDS } from '../domain'
import { REPORT_SCOPES, type FrozenReport, type ReportCheck, type ReportList } from './assessment'

/**
 * What a workstation accepts as a frozen report, a report list and a check from the server
 * (docs/protocol.md §9): every field the screen and the exports read is checked, so a malformed
 * reply is refused instead of shown or printed.
 */

const count = z.number().int().nonnegative()
const rate = z.number().finite().nullable()
const time = z.number().int().nonnegative()

const periodSchema = z.object({ kind: z.enum(PERIOD_KINDS), from: time, to: time, label: z.string().max(40) })

const stepFiguresSchema = z.object({
  due: count,
  suspended: count,
  judged: count,
  done: count,
  onTime: count,
  carried: count,
  reworked: count,
  failures: count,
  repeatFailures: count,
  onTimeRate: rate,
  completionRate: rate,
  reworkRate: rate,
  medianMs: z.number().nonnegative().nullable(),
  p90Ms: z.number().nonnegative().nullable(),
})

const stepsSchema = z.partialRecord(z.enum(STEPS), stepFiguresSchema)

const scoreLineSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('indicator'),
    indicator: z.enum(INDICATORS),
    step: z.enum(STEPS),
    rate,
    judged: count,
    threshold: z.number().finite(),
    points: z.number().finite(),
    perPoint: z.number().finite(),
    earned: z.number().finite(),
  }),
  z.object({
    type: z.literal('event'),
    event: z.enum(DEDUCTION_EVENTS),
    step: z.enum(STEPS),
    count,
    perEvent: z.number().finite(),
    deduction: z.number().finite(),
  }),
])

const rowSchema = z.object({
  kind: z.enum(UNIT_KINDS),
  id: z.string().max(64),
  score: z.number().finite(),
  rank: z.number().int().positive().nullable(),
  bottom: z.boolean(),
  previousScore: z.number().finite().nullable(),
  change: z.number().finite().nullable(),
  volume: count,
  lines: z.array(scoreLineSchema),
  steps: stepsSchema,
})

const summaryShape = {
  id: z.number().int().positive(),
  period: periodSchema,
  scope: z.enum(REPORT_SCOPES),
  version: z.number().int().positive(),
  previousId: z.number().int().positive().nullable(),
  ruleSet: z.object({ revision: z.number().int().positive(), version: z.string().max(64) }),
  seq: count,
  headHash: z.string().max(128),
  evaluatedAt: time,
  generatedAt: time,
  authorId: z.string().max(128),
  reason: z.string().max(500),
}

export const frozenReportSummarySchema = z.object(summaryShape)

export const frozenReportSchema: z.ZodType<FrozenReport> = z.object({
  ...summaryShape,
  body: z.object({
    previous: periodSchema,
    leagues: z.array(
      z.object({ unitKind: z.enum(UNIT_KINDS), ranked: z.array(rowSchema), insufficient: z.array(rowSchema) }),
    ),
    platform: stepsSchema,
  }),
})

export const reportListReplySchema: z.ZodType<ReportList> = z.object({ reports: z.array(frozenReportSummarySchema) })

export const reportCheckSchema: z.ZodType<ReportCheck> = z.object({
  id: z.number().int().positive(),
  ok: z.boolean(),
  hashAtSeq: z.string().max(128).nullable(),
  hashMatches: z.boolean(),
  figuresMatch: z.boolean(),
  problem: z.string().nullable(),
})
