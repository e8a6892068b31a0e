import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm'
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
} from '../auth/auth-store'
import type { PgDb } from './pg-log'
import * as schema from './schema'

type PgTx = Parameters<Parameters<PgDb['transaction']>[0]>[0]
type PgExec = PgDb | PgTx

/** The auth records in PostgreSQL, over the pool or one transaction. */
class PgAuthRecords implements AuthRecords {
  constructor(
    protected readonly exec: PgExec,
    /** In a transaction: rows read to be changed are locked (two nodes refreshing one token: one wins). */
    private readonly locking = false,
  ) {}

  async account(id: string): Promise<AccountRow | undefined> {
    const [row] = await this.exec.select().from(schema.accounts).where(eq(schema.accounts.id, id))
    return row
  }

  accounts(): Promise<AccountRow[]> {
    return this.exec.select().from(schema.accounts).orderBy(schema.accounts.id)
  }

  async workstation(id: string): Promise<WorkstationRow | undefined> {
    const [row] = await this.exec.select().from(schema.workstations).where(eq(schema.workstations.id, id))
    return row
  }

  workstations(): Promise<WorkstationRow[]> {
    return this.exec.select().from(schema.workstations).orderBy(schema.workstations.createdAt)
  }

  async workstationByCode(codeHash: string): Promise<WorkstationRow | undefined> {
    const [row] = await this.exec
      .select()
      .from(schema.workstations)
      .where(eq(schema.workstations.enrolCodeHash, codeHash))
    return row
  }

  async sessionByAccess(hash: string): Promise<SessionRow | undefined> {
    const [row] = await this.exec.select().from(schema.sessions).where(eq(schema.sessions.accessHash, hash))
    return row
  }

  async sessionByRefresh(hash: string): Promise<SessionRow | undefined> {
    const query = this.exec.select().from(schema.sessions).where(eq(schema.sessions.refreshHash, hash))
    const [row] = this.locking ? await query.for('update') : await query
    return row
  }

  async sessionsById(ids: readonly string[]): Promise<SessionRow[]> {
    if (ids.length === 0) return []
    return this.exec
      .select()
      .from(schema.sessions)
      .where(inArray(schema.sessions.id, [...ids]))
  }

  async grantByToken(hash: string): Promise<SeatGrantRow | undefined> {
    const [row] = await this.exec.select().from(schema.seatGrants).where(eq(schema.seatGrants.tokenHash, hash))
    return row
  }

  async auditLog(limit = 50, kinds?: readonly string[]): Promise<AuditRecord[]> {
    const rows = await this.exec
      .select()
      .from(schema.authAudit)
      .where(kinds && kinds.length > 0 ? inArray(schema.authAudit.kind, [...kinds]) : undefined)
      .orderBy(desc(schema.authAudit.id))
      .limit(limit)
    return rows.map((r) => ({ ...r, detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null }))
  }

  async audit(entry: AuditInput, at = Date.now()): Promise<void> {
    await this.exec.insert(schema.authAudit).values({
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
    const [row] = await this.exec.select().from(schema.meta).where(eq(schema.meta.key, AUTH_REVISION))
    return Number(row?.value ?? 0)
  }

  async bumpRevision(): Promise<void> {
    await this.exec
      .insert(schema.meta)
      .values({ key: AUTH_REVISION, value: '1' })
      .onConflictDoUpdate({
        target: schema.meta.key,
        set: { value: sql`(CAST(${schema.meta.value} AS bigint) + 1)::text` },
      })
  }

  async addAccount(row: NewAccountRow): Promise<void> {
    await this.exec.insert(schema.accounts).values(row)
  }

  async updateAccount(id: string, values: Partial<Omit<AccountRow, 'id'>>): Promise<void> {
    await this.exec.update(schema.accounts).set(values).where(eq(schema.accounts.id, id))
  }

  async countFailure(id: string): Promise<number> {
    const [row] = await this.exec
      .update(schema.accounts)
      .set({ failedAttempts: sql`${schema.accounts.failedAttempts} + 1` })
      .where(eq(schema.accounts.id, id))
      .returning({ n: schema.accounts.failedAttempts })
    return row?.n ?? 0
  }

  async addWorkstation(row: NewWorkstationRow): Promise<void> {
    await this.exec.insert(schema.workstations).values(row)
  }

  async updateWorkstation(id: string, values: Partial<Omit<WorkstationRow, 'id'>>): Promise<void> {
    await this.exec.update(schema.workstations).set(values).where(eq(schema.workstations.id, id))
  }

  async addSession(row: NewSessionRow): Promise<void> {
    await this.exec.insert(schema.sessions).values(row)
  }

  async updateSession(id: string, values: Partial<Omit<SessionRow, 'id'>>): Promise<void> {
    await this.exec.update(schema.sessions).set(values).where(eq(schema.sessions.id, id))
  }

  async endSessions(filter: SessionFilter, reason: string, at: number): Promise<string[]> {
    const conditions = [isNull(schema.sessions.endedAt)]
    if (filter.accountId) conditions.push(eq(schema.sessions.accountId, filter.accountId))
    if (filter.workstationId) conditions.push(eq(schema.sessions.workstationId, filter.workstationId))
    if (filter.sessionId) conditions.push(eq(schema.sessions.id, filter.sessionId))
    const ended = await this.exec
      .update(schema.sessions)
      .set({ endedAt: at, endReason: reason })
      .where(and(...conditions))
      .returning({ id: schema.sessions.id })
    return ended.map((r) => r.id)
  }

  async putGrant(row: SeatGrantRow): Promise<void> {
    const { tokenHash, issuedAt, expiresAt } = row
    await this.exec
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
    await this.exec.delete(schema.seatGrants).where(and(...conditions))
  }
}

/**
 * Accounts, sessions, seat grants and the auth audit in PostgreSQL, one set for every node: a
 * token issued by one node checks out on any other, and a revocation bumps the shared
 * `auth_revision` that every node's SessionWatch polls.
 */
export class PgAuthStore extends PgAuthRecords implements AuthStore {
  constructor(private readonly db: PgDb) {
    super(db)
  }

  tx<T>(work: (t: AuthRecords) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => work(new PgAuthRecords(tx, true)))
  }
}
