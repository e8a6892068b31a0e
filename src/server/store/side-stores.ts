import type { SqliteDatabase } from '@infra/sqlite'
import type { AssessmentStore } from '../assessment/assessment-store'
import { SqliteAssessmentStore } from '../assessment/sqlite-assessment-store'
import type { AuthStore } from '../auth/auth-store'
import { SqliteAuthStore } from '../auth/sqlite-auth-store'
import { PgAssessmentStore } from '../pg/pg-assessment-store'
import { PgAuthStore } from '../pg/pg-auth-store'
import type { PgDb } from '../pg/pg-log'

/** What lives beside the log: accounts and sessions, rule sets and frozen reports. */
export interface SideStores {
  readonly auth: AuthStore
  readonly assessment: AssessmentStore
}

/**
 * On PostgreSQL they are shared by every node (one cluster, one set of accounts and sessions,
 * one active rule set); otherwise they live in this node's SQLite file beside the log.
 */
export function sideStores(sqlite: SqliteDatabase, pg: PgDb | null): SideStores {
  return pg
    ? { auth: new PgAuthStore(pg), assessment: new PgAssessmentStore(pg) }
    : { auth: new SqliteAuthStore(sqlite), assessment: new SqliteAssessmentStore(sqlite) }
}
