import { bigint, bigserial, index, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core'

/**
 * Accounts, workstations, sessions, seat grants and the auth audit on PostgreSQL: the same
 * tables and columns as the SQLite store (src/server/db/auth-schema.ts), shared by every node,
 * so a session issued by one node is valid on all of them. Times are epoch milliseconds.
 */
const ms = (name: string) => bigint(name, { mode: 'number' })

export const accounts = pgTable('accounts', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  role: text('role').notNull(),
  towns: text('towns').notNull(),
  unit: text('unit'),
  passwordHash: text('password_hash').notNull(),
  disabled: integer('disabled').notNull().default(0),
  demo: integer('demo').notNull().default(0),
  failedAttempts: integer('failed_attempts').notNull().default(0),
  lockedUntil: ms('locked_until'),
  createdAt: ms('created_at').notNull(),
  updatedAt: ms('updated_at').notNull(),
  lastSignInAt: ms('last_sign_in_at'),
})

export const workstations = pgTable(
  'workstations',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    secretHash: text('secret_hash'),
    enrolCodeHash: text('enrol_code_hash'),
    enrolCodeExpiresAt: ms('enrol_code_expires_at'),
    enrolledAt: ms('enrolled_at'),
    revokedAt: ms('revoked_at'),
    createdAt: ms('created_at').notNull(),
    lastSeenAt: ms('last_seen_at'),
  },
  (t) => [uniqueIndex('workstations_code_idx').on(t.enrolCodeHash)],
)

export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    workstationId: text('workstation_id').notNull(),
    accessHash: text('access_hash').notNull(),
    accessExpiresAt: ms('access_expires_at').notNull(),
    refreshHash: text('refresh_hash').notNull(),
    refreshExpiresAt: ms('refresh_expires_at').notNull(),
    method: text('method').notNull(),
    createdAt: ms('created_at').notNull(),
    refreshedAt: ms('refreshed_at').notNull(),
    endedAt: ms('ended_at'),
    endReason: text('end_reason'),
  },
  (t) => [
    uniqueIndex('sessions_access_idx').on(t.accessHash),
    uniqueIndex('sessions_refresh_idx').on(t.refreshHash),
    index('sessions_account_idx').on(t.accountId),
  ],
)

export const seatGrants = pgTable(
  'seat_grants',
  {
    accountId: text('account_id').notNull(),
    workstationId: text('workstation_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    issuedAt: ms('issued_at').notNull(),
    expiresAt: ms('expires_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.workstationId] }),
    uniqueIndex('seat_grants_token_idx').on(t.tokenHash),
  ],
)

export const authAudit = pgTable(
  'auth_audit',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: ms('at').notNull(),
    kind: text('kind').notNull(),
    accountId: text('account_id'),
    workstationId: text('workstation_id'),
    sessionId: text('session_id'),
    address: text('address'),
    detail: text('detail'),
  },
  (t) => [index('auth_audit_at_idx').on(t.at)],
)
