import type * as schema from '../db/schema'

/** Row shapes (the SQLite and the PostgreSQL tables have the same columns and types). */
export type RuleSetRow = typeof schema.ruleSets.$inferSelect
export type ReportRow = typeof schema.assessmentReports.$inferSelect
export type NewReportRow = typeof schema.assessmentReports.$inferInsert
export type ReportSummaryRow = Omit<ReportRow, 'body'>

export interface ActivationRow {
  readonly revision: number
  readonly actorId: string
  readonly activatedAt: number
  readonly reason: string
}

export interface ReportQuery {
  readonly periodLabel?: string | undefined
  readonly scope?: string | undefined
  readonly limit: number
}

/** What rule sets and frozen reports read and write, inside a transaction or not. */
export interface AssessmentRecords {
  /** The revision of the newest activation; null before the store was seeded. */
  activeRevision(): Promise<number | null>
  /** Newest first. */
  ruleSetRows(): Promise<RuleSetRow[]>
  ruleSetRow(revision: number): Promise<RuleSetRow | undefined>
  revisionOfVersion(version: string): Promise<number | undefined>
  /** 0 when there is none. */
  lastRevision(): Promise<number>
  addRuleSet(row: RuleSetRow): Promise<void>
  addActivation(row: ActivationRow): Promise<void>
  lastReport(
    periodKind: string,
    periodLabel: string,
    scope: string,
  ): Promise<{ id: number; version: number } | undefined>
  /** Returns the new report's id. */
  addReport(row: NewReportRow): Promise<number>
  /** Newest first, without bodies. */
  reportSummaries(q: ReportQuery): Promise<ReportSummaryRow[]>
  report(id: number): Promise<ReportRow | undefined>
}

/**
 * Rule sets and frozen reports: the server's SQLite file (sqlite-assessment-store.ts) or, when
 * the server runs on PostgreSQL, tables every node shares (src/server/pg/pg-assessment-store.ts):
 * a rule set activated on one node is the active one on all, a report closed on one is listed on all.
 */
export interface AssessmentStore extends AssessmentRecords {
  /** Runs `work` in one transaction, exclusive against other assessment writers (on every node). */
  tx<T>(work: (t: AssessmentRecords) => Promise<T>): Promise<T>
}
