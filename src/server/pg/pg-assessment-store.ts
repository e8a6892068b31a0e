import { and, desc, eq, sql, type SQL } from 'drizzle-orm'
import type {
  ActivationRow,
  AssessmentRecords,
  AssessmentStore,
  NewReportRow,
  ReportQuery,
  ReportRow,
  ReportSummaryRow,
  RuleSetRow,
} from '../assessment/assessment-store'
import type { PgDb } from './pg-log'
import * as schema from './schema'

type PgTx = Parameters<Parameters<PgDb['transaction']>[0]>[0]
type PgExec = PgDb | PgTx

/** Serialises assessment writers across nodes (next revision, next report version). */
const ASSESSMENT_LOCK = 4_311_019

const r = schema.assessmentReports

const SUMMARY_COLUMNS = {
  id: r.id,
  periodKind: r.periodKind,
  periodLabel: r.periodLabel,
  periodFrom: r.periodFrom,
  periodTo: r.periodTo,
  scope: r.scope,
  version: r.version,
  previousId: r.previousId,
  ruleSetRevision: r.ruleSetRevision,
  ruleSetVersion: r.ruleSetVersion,
  seq: r.seq,
  headHash: r.headHash,
  evaluatedAt: r.evaluatedAt,
  generatedAt: r.generatedAt,
  authorId: r.authorId,
  reason: r.reason,
}

class PgAssessmentRecords implements AssessmentRecords {
  constructor(protected readonly exec: PgExec) {}

  async activeRevision(): Promise<number | null> {
    const [row] = await this.exec
      .select({ revision: schema.ruleSetActivations.revision })
      .from(schema.ruleSetActivations)
      .orderBy(desc(schema.ruleSetActivations.id))
      .limit(1)
    return row?.revision ?? null
  }

  ruleSetRows(): Promise<RuleSetRow[]> {
    return this.exec.select().from(schema.ruleSets).orderBy(desc(schema.ruleSets.revision))
  }

  async ruleSetRow(revision: number): Promise<RuleSetRow | undefined> {
    const [row] = await this.exec.select().from(schema.ruleSets).where(eq(schema.ruleSets.revision, revision))
    return row
  }

  async revisionOfVersion(version: string): Promise<number | undefined> {
    const [row] = await this.exec
      .select({ revision: schema.ruleSets.revision })
      .from(schema.ruleSets)
      .where(eq(schema.ruleSets.version, version))
    return row?.revision
  }

  async lastRevision(): Promise<number> {
    const [row] = await this.exec
      .select({ revision: schema.ruleSets.revision })
      .from(schema.ruleSets)
      .orderBy(desc(schema.ruleSets.revision))
      .limit(1)
    return row?.revision ?? 0
  }

  async addRuleSet(row: RuleSetRow): Promise<void> {
    await this.exec.insert(schema.ruleSets).values(row)
  }

  async addActivation(row: ActivationRow): Promise<void> {
    await this.exec.insert(schema.ruleSetActivations).values(row)
  }

  async lastReport(periodKind: string, periodLabel: string, scope: string) {
    const [row] = await this.exec
      .select({ id: r.id, version: r.version })
      .from(r)
      .where(and(eq(r.periodKind, periodKind), eq(r.periodLabel, periodLabel), eq(r.scope, scope)))
      .orderBy(desc(r.version))
      .limit(1)
    return row
  }

  async addReport(row: NewReportRow): Promise<number> {
    const [added] = await this.exec.insert(r).values(row).returning({ id: r.id })
    if (!added) throw new Error('the report was not stored')
    return added.id
  }

  reportSummaries(q: ReportQuery): Promise<ReportSummaryRow[]> {
    const where: SQL[] = []
    if (q.periodLabel !== undefined) where.push(eq(r.periodLabel, q.periodLabel))
    if (q.scope !== undefined) where.push(eq(r.scope, q.scope))
    return this.exec
      .select(SUMMARY_COLUMNS)
      .from(r)
      .where(where.length > 0 ? and(...where) : undefined)
      .orderBy(desc(r.id))
      .limit(q.limit)
  }

  async report(id: number): Promise<ReportRow | undefined> {
    const [row] = await this.exec.select().from(r).where(eq(r.id, id))
    return row
  }
}

/** Rule sets and frozen reports in PostgreSQL, one set for every node. */
export class PgAssessmentStore extends PgAssessmentRecords implements AssessmentStore {
  constructor(private readonly db: PgDb) {
    super(db)
  }

  tx<T>(work: (t: AssessmentRecords) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) => {
      // Two nodes saving (or closing) at once would both pick the same next revision (version).
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${ASSESSMENT_LOCK})`)
      return work(new PgAssessmentRecords(tx))
    })
  }
}
