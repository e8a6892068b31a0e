import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm'
import { drizzleOver, type SqliteDatabase, type SqlExecutor } from '@infra/sqlite'
import type { ServerDb } from '../db/open'
import * as schema from '../db/schema'
import {
  AUTH_REVISION,
  type AccountRow,
  type AuditInput,
  type AuditRecord,
  type AuthRecords,
  type AuthStore,
  type NewAccountRow,
  type NewSessionRow,
  type NewWorkstationRow,
  type SeatGrantRow,
  type SessionFilter,
  type SessionRow,
  type WorkstationRow,
} from './auth-store'

/** The auth records in the server's SQLite file, over one executor (the database or a transaction). */
class SqliteAuthRecords implements AuthRecords {
  protected readonly orm: ServerDb

  constructor(protected readonly exec: SqlExecutor) {
    this.orm = drizzleOver(exec, schema)
  }

  account(id: string): Promise<AccountRow | undefined> {
    return this.orm.select().from(schema.accounts).where(eq(schema.accounts.id, id)).get()
  }

  accounts(): Promise<AccountRow[]> {
    return this.orm.select().from(schema.accounts).orderBy(schema.accounts.id).all()
  }

  workstation(id: string): Promise<WorkstationRow | undefined> {
    return this.orm.select().from(schema.workstations).where(eq(schema.workstations.id, id)).get()
  }

  workstations(): Promise<WorkstationRow[]> {
    return this.orm.select().from(schema.workstations).orderBy(schema.workstations.createdAt).all()
  }

  workstationByCode(codeHash: string): Promise<WorkstationRow | undefined> {
    return this.orm.select().from(schema.workstations).where(eq(schema.workstations.enrolCodeHash, codeHash)).get()
  }

  sessionByAccess(hash: string): Promise<SessionRow | undefined> {
    return this.orm.select().from(schema.sessions).where(eq(schema.sessions.accessHash, hash)).get()
  }

  sessionByRefresh(hash: string): Promise<SessionRow | undefined> {
    return this.orm.select().from(schema.sessions).where(eq(schema.sessions.refreshHash, hash)).get()
  }

  sessionsById(ids: readonly string[]): Promise<SessionRow[]> {
    if (ids.length === 0) return Promise.resolve([])
    return this.orm
      .select()
      .from(schema.sessions)
      .where(inArray(schema.sessions.id, [...ids]))
      .all()
  }

  grantByToken(hash: string): Promise<SeatGrantRow | undefined> {
    return this.orm.select().from(schema.seatGrants).where(eq(schema.seatGrants.tokenHash, hash)).get()
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

  async audit(entry: AuditInput, at = Date.now()): Promise<void> {
    await this.orm.insert(schema.authAudit).values({
      at,
      kind: entry.kind,
      accountId: entry.accountId ?? null,
      workstationId: entry.workstationId ?? null,
      sessionId: entry.sessionId ?? null,
      address: entry.address ?? null,
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
    })
  }

  async revision(): Promise<number> {
    const row = await this.orm.select().from(schema.meta).where(eq(schema.meta.key, AUTH_REVISION)).get()
    return Number(row?.value ?? 0)
  }

  async bumpRevision(): Promise<void> {
    await this.exec.run(
      `INSERT INTO meta (key, value) VALUES (?, '1')
       ON CONFLICT(key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)`,
      [AUTH_REVISION],
    )
  }

  async addAccount(row: NewAccountRow): Promise<void> {
    await this.orm.insert(schema.accounts).values(row)
  }

  async updateAccount(id: string, values: Partial<Omit<AccountRow, 'id'>>): Promise<void> {
    await this.orm.update(schema.accounts).set(values).where(eq(schema.accounts.id, id))
  }

  async countFailure(id: string): Promise<number> {
    const row = await this.orm
      .update(schema.accounts)
      .set({ failedAttempts: sql`${schema.accounts.failedAttempts} + 1` })
      .where(eq(schema.accounts.id, id))
      .returning({ n: schema.accounts.failedAttempts })
      .get()
    return row?.n ?? 0
  }

  async addWorkstation(row: NewWorkstationRow): Promise<void> {
    await this.orm.insert(schema.workstations).values(row)
  }

  async updateWorkstation(id: string, values: Partial<Omit<WorkstationRow, 'id'>>): Promise<void> {
    await this.orm.update(schema.workstations).set(values).where(eq(schema.workstations.id, id))
  }

  async addSession(row: NewSessionRow): Promise<void> {
    await this.orm.insert(schema.sessions).values(row)
  }

  async updateSession(id: string, values: Partial<Omit<SessionRow, 'id'>>): Promise<void> {
    await this.orm.update(schema.sessions).set(values).where(eq(schema.sessions.id, id))
  }

  async endSessions(filter: SessionFilter, reason: string, at: number): Promise<string[]> {
    const conditions = [isNull(schema.sessions.endedAt)]
    if (filter.accountId) conditions.push(eq(schema.sessions.accountId, filter.accountId))
    if (filter.workstationId) conditions.push(eq(schema.sessions.workstationId, filter.workstationId))
    if (filter.sessionId) conditions.push(eq(schema.sessions.id, filter.sessionId))
    const ended = await this.orm
      .update(schema.sessions)
      .set({ endedAt: at, endReason: reason })
      .where(and(...conditions))
      .returning({ id: schema.sessions.id })
      .all()
    return ended.map((r) => r.id)
  }

  async putGrant(row: SeatGrantRow): Promise<void> {
    const { tokenHash, issuedAt, expiresAt } = row
    await this.orm
      .insert(schema.seatGrants)
      .values(row)
      .onConflictDoUpdate({
        target: [schema.seatGrants.accountId, schema.seatGrants.workstationId],
        set: { tokenHash, issuedAt, expiresAt },
      })
  }

  async dropGrants(filter: { accountId?: string; workstationId?: string }): Promise<void> {
    const conditions = []
    if (filter.accountId) conditions.push(eq(schema.seatGrants.accountId, filter.accountId))
    if (filter.workstationId) conditions.push(eq(schema.seatGrants.workstationId, filter.workstationId))
    if (conditions.length === 0) return
    await this.orm.delete(schema.seatGrants).where(and(...conditions))
  }
}

/** The auth store in one node's SQLite file (the embedded default). */
export class SqliteAuthStore extends SqliteAuthRecords implements AuthStore {
  constructor(private readonly db: SqliteDatabase) {
    super(db)
  }

  tx<T>(work: (t: AuthRecords) => Promise<T>): Promise<T> {
    return this.db.transaction((exec) => work(new SqliteAuthRecords(exec)))
  }
}
