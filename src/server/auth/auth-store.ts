import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm'
import { drizzleOver, type SqliteDatabase, type SqlExecutor } from '@infra/sqlite'
import type { Principal, Role, TownScope } from '@shared/domain'
import type { ServerDb } from '../db/open'
import * as schema from '../db/schema'

export type AccountRow = typeof schema.accounts.$inferSelect
export type WorkstationRow = typeof schema.workstations.$inferSelect
export type SessionRow = typeof schema.sessions.$inferSelect
export type SeatGrantRow = typeof schema.seatGrants.$inferSelect

/** A record of the auth audit, as listed. */
export interface AuditRecord {
  readonly id: number
  readonly at: number
  readonly kind: string
  readonly accountId: string | null
  readonly workstationId: string | null
  readonly sessionId: string | null
  readonly address: string | null
  readonly detail: Record<string, unknown> | null
}

export interface AuditInput {
  readonly kind: string
  readonly accountId?: string | null
  readonly workstationId?: string | null
  readonly sessionId?: string | null
  readonly address?: string | null
  readonly detail?: Record<string, unknown>
}

const REVISION = 'auth_revision'

export function principalOf(row: AccountRow): Principal {
  const towns = JSON.parse(row.towns) as TownScope
  const unit = row.unit ? (JSON.parse(row.unit) as Principal['unit']) : undefined
  return { actorId: row.id, name: row.name, role: row.role as Role, towns, ...(unit ? { unit } : {}) }
}

/**
 * Storage of accounts, workstations, sessions, seat grants and the auth audit,
 * on the server's store. Every change that takes rights away bumps the
 * `auth_revision` counter in `meta`, which a running server polls: the admin
 * CLI writes the same file from another process.
 */
export class AuthStore {
  readonly orm: ServerDb

  constructor(readonly db: SqliteDatabase) {
    this.orm = drizzleOver(db, schema)
  }

  /** Runs `work` in one transaction with an ORM over it. */
  tx<T>(work: (orm: ServerDb, exec: SqlExecutor) => Promise<T>): Promise<T> {
    return this.db.transaction((exec) => work(drizzleOver(exec, schema), exec))
  }

  async revision(): Promise<number> {
    const row = await this.orm.select().from(schema.meta).where(eq(schema.meta.key, REVISION)).get()
    return Number(row?.value ?? 0)
  }

  async bumpRevision(exec: SqlExecutor): Promise<void> {
    await exec.run(
      `INSERT INTO meta (key, value) VALUES (?, '1')
       ON CONFLICT(key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)`,
      [REVISION],
    )
  }

  async audit(entry: AuditInput, orm: ServerDb = this.orm, at = Date.now()): Promise<void> {
    await orm.insert(schema.authAudit).values({
      at,
      kind: entry.kind,
      accountId: entry.accountId ?? null,
      workstationId: entry.workstationId ?? null,
      sessionId: entry.sessionId ?? null,
      address: entry.address ?? null,
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
    })
  }

  async auditLog(limit = 50, kinds?: readonly string[]): Promise<AuditRecord[]> {
    const rows = await this.orm
      .select()
      .from(schema.authAudit)
      .where(kinds && kinds.length > 0 ? inArray(schema.authAudit.kind, [...kinds]) : undefined)
      .orderBy(desc(schema.authAudit.id))
      .limit(limit)
      .all()
    return rows.map((r) => ({ ...r, detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null }))
  }

  account(id: string, orm: ServerDb = this.orm): Promise<AccountRow | undefined> {
    return orm.select().from(schema.accounts).where(eq(schema.accounts.id, id)).get()
  }

  accounts(): Promise<AccountRow[]> {
    return this.orm.select().from(schema.accounts).orderBy(schema.accounts.id).all()
  }

  workstation(id: string, orm: ServerDb = this.orm): Promise<WorkstationRow | undefined> {
    return orm.select().from(schema.workstations).where(eq(schema.workstations.id, id)).get()
  }

  workstations(): Promise<WorkstationRow[]> {
    return this.orm.select().from(schema.workstations).orderBy(schema.workstations.createdAt).all()
  }

  workstationByCode(codeHash: string, orm: ServerDb = this.orm): Promise<WorkstationRow | undefined> {
    return orm.select().from(schema.workstations).where(eq(schema.workstations.enrolCodeHash, codeHash)).get()
  }

  sessionByAccess(hash: string): Promise<SessionRow | undefined> {
    return this.orm.select().from(schema.sessions).where(eq(schema.sessions.accessHash, hash)).get()
  }

  sessionByRefresh(hash: string, orm: ServerDb = this.orm): Promise<SessionRow | undefined> {
    return orm.select().from(schema.sessions).where(eq(schema.sessions.refreshHash, hash)).get()
  }

  sessionsById(ids: readonly string[]): Promise<SessionRow[]> {
    if (ids.length === 0) return Promise.resolve([])
    return this.orm
      .select()
      .from(schema.sessions)
      .where(inArray(schema.sessions.id, [...ids]))
      .all()
  }

  grantByToken(hash: string, orm: ServerDb = this.orm): Promise<SeatGrantRow | undefined> {
    return orm.select().from(schema.seatGrants).where(eq(schema.seatGrants.tokenHash, hash)).get()
  }

  /** Ends every open session matching `where`; returns their ids. */
  async endSessions(
    orm: ServerDb,
    filter: { accountId?: string; workstationId?: string; sessionId?: string },
    reason: string,
    at: number,
  ): Promise<string[]> {
    const conditions = [isNull(schema.sessions.endedAt)]
    if (filter.accountId) conditions.push(eq(schema.sessions.accountId, filter.accountId))
    if (filter.workstationId) conditions.push(eq(schema.sessions.workstationId, filter.workstationId))
    if (filter.sessionId) conditions.push(eq(schema.sessions.id, filter.sessionId))
    const ended = await orm
      .update(schema.sessions)
      .set({ endedAt: at, endReason: reason })
      .where(and(...conditions))
      .returning({ id: schema.sessions.id })
      .all()
    return ended.map((r) => r.id)
  }

  async dropGrants(orm: ServerDb, filter: { accountId?: string; workstationId?: string }): Promise<void> {
    const conditions = []
    if (filter.accountId) conditions.push(eq(schema.seatGrants.accountId, filter.accountId))
    if (filter.workstationId) conditions.push(eq(schema.seatGrants.workstationId, filter.workstationId))
    if (conditions.length === 0) return
    await orm.delete(schema.seatGrants).where(and(...conditions))
  }

  /** Counts toward the lockout: returns the new count. */
  async countFailure(id: string, orm: ServerDb = this.orm): Promise<number> {
    const row = await orm
      .update(schema.accounts)
      .set({ failedAttempts: sql`${schema.accounts.failedAttempts} + 1` })
      .where(eq(schema.accounts.id, id))
      .returning({ n: schema.accounts.failedAttempts })
      .get()
    return row?.n ?? 0
  }
}
