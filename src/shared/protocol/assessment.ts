import { z } from 'zod'
import { periodSpecSchema } from '../contract/requests/assessment'
import { UNIT_KINDS, type Period, type RuleSet, type Step, type StepFigures, type UnitKind } from '../domain'
import type { AssessmentRow } from '../contract/requests/assessment'

/**
 * The assessment part of the sync protocol (docs/protocol.md §9): rule sets (评分细则) kept on the
 * central server as immutable revisions, one of them active, and frozen period reports.
 */
export const ASSESSMENT_MSG = {
  /** client → server, ack: RuleSetList | Problem. Every revision, newest first, and which is active. */
  ruleSetList: 'ruleSetList',
  /** client → server, ack: StoredRuleSet | Problem. One revision (the active one when none is named). */
  ruleSetGet: 'ruleSetGet',
  /** client → server, ack: StoredRuleSet | Problem. Stores a new revision (supervisor only). */
  ruleSetSave: 'ruleSetSave',
  /** client → server, ack: StoredRuleSet | Problem. Makes a stored revision the active one (supervisor only). */
  ruleSetActivate: 'ruleSetActivate',
  /** server → client. The active rule set, sent to every socket when another one is activated. */
  ruleSet: 'ruleSet',
  /** client → server, ack: FrozenReport | Problem. Closes a period: computes and stores its report (supervisor only). */
  reportClose: 'reportClose',
  /** client → server, ack: ReportList | Problem. Stored reports, newest first, without their bodies. */
  reportList: 'reportList',
  /** client → server, ack: FrozenReport | Problem. One stored report with its body. */
  reportGet: 'reportGet',
  /** client → server, ack: ReportCheck | Problem. Recomputes a report from the log at its seq (supervisor only). */
  reportVerify: 'reportVerify',
} as const

/** The assessment messages a client sends and waits for the answer to (never queued). */
export type AssessmentMessage = Exclude<keyof typeof ASSESSMENT_MSG, 'ruleSet'>

const reason = z.string().trim().min(1, 'a reason is required').max(500)

/** A saved revision of a rule set: the rules as validated, and who saved them, when and why. */
export interface StoredRuleSet {
  /** 1, 2, 3 …: assigned by the server in order of saving. */
  readonly revision: number
  readonly ruleSet: RuleSet
  readonly authorId: string
  readonly authorName: string
  readonly createdAt: number
  readonly reason: string
  readonly active: boolean
}

export type RuleSetSummary = Omit<StoredRuleSet, 'ruleSet'> & { readonly version: string; readonly name: string }

export interface RuleSetList {
  /** The active revision. */
  readonly active: number
  /** Newest first. */
  readonly ruleSets: readonly RuleSetSummary[]
}

export const ruleSetGetSchema = z.object({ revision: z.number().int().positive().optional() })
/** `ruleSet` is checked against the shared rule-set schema on the server (`invalid_payload` with the reasons). */
export const ruleSetSaveSchema = z.object({ ruleSet: z.unknown(), reason, activate: z.boolean().default(false) })
export const ruleSetActivateSchema = z.object({ revision: z.number().int().positive(), reason })
export type RuleSetSaveArgs = z.input<typeof ruleSetSaveSchema>
export type RuleSetActivateArgs = z.input<typeof ruleSetActivateSchema>

export const REPORT_SCOPES = [...UNIT_KINDS, 'all'] as const
export type ReportScope = (typeof REPORT_SCOPES)[number]

export const reportCloseSchema = z.object({ period: periodSpecSchema, scope: z.enum(REPORT_SCOPES), reason })
export const reportListSchema = z.object({
  periodLabel: z.string().max(40).optional(),
  scope: z.enum(REPORT_SCOPES).optional(),
  limit: z.number().int().positive().max(500).default(100),
})
export const reportIdSchema = z.object({ id: z.number().int().positive() })
export type ReportCloseArgs = z.input<typeof reportCloseSchema>
export type ReportListArgs = z.input<typeof reportListSchema>

/** One unit kind's league in a frozen report. */
export interface FrozenLeague {
  readonly unitKind: UnitKind
  readonly ranked: readonly AssessmentRow[]
  readonly insufficient: readonly AssessmentRow[]
}

/** What a report holds: every number, so a recomputation can be compared field by field. */
export interface FrozenReportBody {
  readonly previous: Period
  readonly leagues: readonly FrozenLeague[]
  readonly platform: Partial<Record<Step, StepFigures>>
}

export interface FrozenReportSummary {
  readonly id: number
  readonly period: Period
  readonly scope: ReportScope
  /** 1 for the first close; a correction (re-close) is the next version. */
  readonly version: number
  /** The report this version corrects, or null. */
  readonly previousId: number | null
  readonly ruleSet: { readonly revision: number; readonly version: string }
  /** The log position the figures were computed at. */
  readonly seq: number
  readonly headHash: string
  /** min(generatedAt, period end): the instant the period was judged at. */
  readonly evaluatedAt: number
  readonly generatedAt: number
  readonly authorId: string
  readonly reason: string
}

export interface FrozenReport extends FrozenReportSummary {
  readonly body: FrozenReportBody
}

export interface ReportList {
  readonly reports: readonly FrozenReportSummary[]
}

/** reportVerify: the log replayed up to the report's seq, its hash compared, the figures recomputed. */
export interface ReportCheck {
  readonly id: number
  readonly ok: boolean
  /** The hash of the event at the report's seq in the log now (null when that event is gone). */
  readonly hashAtSeq: string | null
  readonly hashMatches: boolean
  readonly figuresMatch: boolean
  /** The first difference found, if any. */
  readonly problem: string | null
}
