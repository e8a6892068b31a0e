import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

/**
 * Who may sign in, where, and what happened (src/server/auth). Secrets are never
 * stored: passwords as scrypt hashes, tokens and codes as SHA-256 digests of
 * 256-bit random values.
 */

/** A person (or a wall display) who signs in; `id` is the login name and the actorId on events. */
export const accounts = sqliteTable('accounts', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  role: text('role').notNull(),
  /** JSON: "*" or an array of town ids. */
  towns: text('towns').notNull(),
  /** JSON { kind, id } of the department or team, or null. */
  unit: text('unit'),
  /** `scrypt$logN$r$p$salt$hash` (src/server/auth/password.ts). */
  passwordHash: text('password_hash').notNull(),
  disabled: integer('disabled').notNull().default(0),
  /** A per-run account of the embedded quick start: refused on any non-loopback bind. */
  demo: integer('demo').notNull().default(0),
  failedAttempts: integer('failed_attempts').notNull().default(0),
  lockedUntil: integer('locked_until'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
  lastSignInAt: integer('last_sign_in_at'),
})

/** An enrolled (or enrolling) workstation; its id is what events record. */
export const workstations = sqliteTable(
  'workstations',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    /** Digest of the workstation's credential secret; null until it enrolled. */
    secretHash: text('secret_hash'),
    /** Digest of the one-time enrolment code while it is unused. */
    enrolCodeHash: text('enrol_code_hash'),
    enrolCodeExpiresAt: integer('enrol_code_expires_at'),
    enrolledAt: integer('enrolled_at'),
    revokedAt: integer('revoked_at'),
    createdAt: integer('created_at').notNull(),
    lastSeenAt: integer('last_seen_at'),
  },
  (t) => [uniqueIndex('workstations_code_idx').on(t.enrolCodeHash)],
)

/** One sign-in of one account on one workstation, until signed out, revoked or idle too long. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    workstationId: text('workstation_id').notNull(),
    accessHash: text('access_hash').notNull(),
    accessExpiresAt: integer('access_expires_at').notNull(),
    refreshHash: text('refresh_hash').notNull(),
    refreshExpiresAt: integer('refresh_expires_at').notNull(),
    /** 'password' or 'resume' (after an offline unlock). */
    method: text('method').notNull(),
    createdAt: integer('created_at').notNull(),
    refreshedAt: integer('refreshed_at').notNull(),
    endedAt: integer('ended_at'),
    endReason: text('end_reason'),
  },
  (t) => [
    uniqueIndex('sessions_access_idx').on(t.accessHash),
    uniqueIndex('sessions_refresh_idx').on(t.refreshHash),
    index('sessions_account_idx').on(t.accountId),
  ],
)

/**
 * Proof that an account signed in on a workstation (the newest one per pair): it lets that
 * workstation deliver work queued under the account's name (after a handover, or an offline
 * unlock) and resume the account's session after an outage.
 */
export const seatGrants = sqliteTable(
  'seat_grants',
  {
    accountId: text('account_id').notNull(),
    workstationId: text('workstation_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    issuedAt: integer('issued_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.workstationId] }),
    uniqueIndex('seat_grants_token_idx').on(t.tokenHash),
  ],
)

/** Every sign-in, failure, sign-out, refresh refusal, revocation and administrative change. */
export const authAudit = sqliteTable(
  'auth_audit',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    kind: text('kind').notNull(),
    accountId: text('account_id'),
    workstationId: text('workstation_id'),
    sessionId: text('session_id'),
    /** Remote address of the request, when there was one. */
    address: text('address'),
    /** JSON with whatever else explains the record (never a secret). */
    detail: text('detail'),
  },
  (t) => [index('auth_audit_at_idx').on(t.at)],
)
