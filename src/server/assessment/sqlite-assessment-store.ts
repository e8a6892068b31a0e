import { and, desc, eq, type SQL } from 'drizzle-orm'
import { drizzleOver, type SqliteDatabase, type SqlExecutor } from '@infra/sqlite'
import type { ServerDb } from '../db/open'
import * as schema from '../db/schema'
import type {
  ActivationRow,
  AssessmentRecords,
  AssessmentStore,
  NewReportRow,
  ReportQuery,
  ReportRow,
  ReportSummaryRow,
  RuleSetRow,
} from './assessment-store'

const r = schema.assessmentReports

/** Every column but the body (lists never carry it). */
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

class SqliteAssessmentRecords implements AssessmentRecords {
  protected readonly orm: ServerDb

  constructor(exec: SqlExecutor) {
    this.orm = drizzleOver(exec, schema)
  }

  async activeRevision(): Promise<number | null> {
    const row = await this.orm
      .select({ revision: schema.ruleSetActivations.revision })
      .from(schema.ruleSetActivations)
      .orderBy(desc(schema.ruleSetActivations.id))
      .limit(1)
      .get()
    return row?.revision ?? null
  }

  ruleSetRows(): Promise<RuleSetRow[]> {
    return this.orm.select().from(schema.ruleSets).orderBy(desc(schema.ruleSets.revision)).all()
  }

  ruleSetRow(revision: number): Promise<RuleSetRow | undefined> {
    return this.orm.select().from(schema.ruleSets).where(eq(schema.ruleSets.revision, revision)).get()
  }

  async revisionOfVersion(version: string): Promise<number | undefined> {
    const row = await this.orm
      .select({ revision: schema.ruleSets.revision })
      .from(schema.ruleSets)
      .where(eq(schema.ruleSets.version, version))
      .get()
    return row?.revision
  }

  async lastRevision(): Promise<number> {
    const row = await this.orm
      .select({ revision: schema.ruleSets.revision })
      .from(schema.ruleSets)
      .orderBy(desc(schema.ruleSets.revision))
      .limit(1)
      .get()
    return row?.revision ?? 0
  }

  async addRuleSet(row: RuleSetRow): Promise<void> {
    await this.orm.insert(schema.ruleSets).values(row)
  }

  async addActivation(row: ActivationRow): Promise<void> {
    await this.orm.insert(schema.ruleSetActivations).values(row)
  }

  lastReport(periodKind: string, periodLabel: string, scope: string) {
    return this.orm
      .select({ id: r.id, version: r.version })
      .from(r)
      .where(and(eq(r.periodKind, periodKind), eq(r.periodLabel, periodLabel), eq(r.scope, scope)))
      .orderBy(desc(r.version))
      .limit(1)
      .get()
  }

  async addReport(row: NewReportRow): Promise<number> {
    const added = await this.orm.insert(r).values(row).returning({ id: r.id }).get()
    if (!added) throw new Error('the report was not stored')
    return added.id
  }

  reportSummaries(q: ReportQuery): Promise<ReportSummaryRow[]> {
    const where: SQL[] = []
    if (q.periodLabel !== undefined) where.push(eq(r.periodLabel, q.periodLabel))
    if (q.scope !== undefined) where.push(eq(r.scope, q.scope))
    return this.orm
      .select(SUMMARY_COLUMNS)
      .from(r)
      .where(where.length > 0 ? and(...where) : undefined)
      .orderBy(desc(r.id))
      .limit(q.limit)
      .all()
  }

  report(id: number): Promise<ReportRow | undefined> {
    return this.orm.select().from(r).where(eq(r.id, id)).get()
  }
}

/** Rule sets and reports in one node's SQLite file (the embedded default). */
export class SqliteAssessmentStore extends SqliteAssessmentRecords implements AssessmentStore {
  constructor(private readonly db: SqliteDatabase) {
    super(db)
  }

  tx<T>(work: (t: AssessmentRecords) => Promise<T>): Promise<T> {
    return this.db.transaction((exec) => work(new SqliteAssessmentRecords(exec)))
  }
}
