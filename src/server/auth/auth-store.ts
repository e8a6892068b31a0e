import type { Principal, Role, TownScope } from '@shared/domain'
import type * as schema from '../db/schema'

/** Row shapes (the SQLite and the PostgreSQL tables have the same columns and types). */
export type AccountRow = typeof schema.accounts.$inferSelect
export type WorkstationRow = typeof schema.workstations.$inferSelect
export type SessionRow = typeof schema.sessions.$inferSelect
export type SeatGrantRow = typeof schema.seatGrants.$inferSelect
export type NewAccountRow = typeof schema.accounts.$inferInsert
export type NewWorkstationRow = typeof schema.workstations.$inferInsert
export type NewSessionRow = typeof schema.sessions.$inferInsert

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

export interface SessionFilter {
  readonly accountId?: string
  readonly workstationId?: string
  readonly sessionId?: string
}

/** The name of the counter a running server polls (see SessionWatch). */
export const AUTH_REVISION = 'auth_revision'

export function principalOf(row: AccountRow): Principal {
  const towns = JSON.parse(row.towns) as TownScope
  const unit = row.unit ? (JSON.parse(row.unit) as Principal['unit']) : undefined
  return { actorId: row.id, name: row.name, role: row.role as Role, towns, ...(unit ? { unit } : {}) }
}

/** What the auth service and the admin read and write, inside a transaction or not. */
export interface AuthRecords {
  account(id: string): Promise<AccountRow | undefined>
  accounts(): Promise<AccountRow[]>
  workstation(id: string): Promise<WorkstationRow | undefined>
  workstations(): Promise<WorkstationRow[]>
  workstationByCode(codeHash: string): Promise<WorkstationRow | undefined>
  sessionByAccess(hash: string): Promise<SessionRow | undefined>
  sessionByRefresh(hash: string): Promise<SessionRow | undefined>
  sessionsById(ids: readonly string[]): Promise<SessionRow[]>
  grantByToken(hash: string): Promise<SeatGrantRow | undefined>
  /** Newest first. */
  auditLog(limit?: number, kinds?: readonly string[]): Promise<AuditRecord[]>
  audit(entry: AuditInput, at?: number): Promise<void>
  /** The counter every change that takes rights away bumps. */
  revision(): Promise<number>
  bumpRevision(): Promise<void>
  addAccount(row: NewAccountRow): Promise<void>
  updateAccount(id: string, values: Partial<Omit<AccountRow, 'id'>>): Promise<void>
  /** Counts toward the lockout: returns the new count. */
  countFailure(id: string): Promise<number>
  addWorkstation(row: NewWorkstationRow): Promise<void>
  updateWorkstation(id: string, values: Partial<Omit<WorkstationRow, 'id'>>): Promise<void>
  addSession(row: NewSessionRow): Promise<void>
  updateSession(id: string, values: Partial<Omit<SessionRow, 'id'>>): Promise<void>
  /** Ends every open session matching `filter`; returns their ids. */
  endSessions(filter: SessionFilter, reason: string, at: number): Promise<string[]>
  /** The newest grant per (account, workstation) replaces the one before. */
  putGrant(row: SeatGrantRow): Promise<void>
  dropGrants(filter: { accountId?: string; workstationId?: string }): Promise<void>
}

/**
 * Storage of accounts, workstations, sessions, seat grants and the auth audit: the server's
 * SQLite file (sqlite-auth-store.ts) or, when the server runs on PostgreSQL, tables every node
 * shares (src/server/pg/pg-auth-store.ts), so a session signed in on one node is valid on all.
 * Every change that takes rights away bumps the `auth_revision` counter, which a running server
 * polls: the admin CLI and the other nodes write the same store.
 */
export interface AuthStore extends AuthRecords {
  /** Runs `work` in one transaction. */
  tx<T>(work: (t: AuthRecords) => Promise<T>): Promise<T>
}
