import { sql } from 'drizzle-orm'
import { bigint, check, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core'

/**
 * The central server's log and projection on PostgreSQL: the same tables and columns as the
 * SQLite store (src/server/db/schema.ts), plus `log_head`, the one row every writer locks
 * (`SELECT … FOR UPDATE`) so that seqs are handed out gap-free across nodes and commit order is
 * seq order. Times are epoch milliseconds (bigint, read as JS numbers).
 */
const ms = (name: string) => bigint(name, { mode: 'number' })

export const events = pgTable(
  'events',
  {
    seq: ms('seq').primaryKey(),
    incidentId: text('incident_id').notNull(),
    type: text('type').notNull(),
    /** Canonical JSON (sorted keys): exactly the text the hash covers, so text, not jsonb. */
    payload: text('payload').notNull(),
    actorId: text('actor_id').notNull(),
    role: text('role').notNull(),
    workstationId: text('workstation_id'),
    serverTime: ms('server_time').notNull(),
    issuedAt: ms('issued_at'),
    commandId: text('command_id'),
    version: integer('version').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('events_incident_idx').on(t.incidentId, t.seq)],
)

export const incidents = pgTable(
  'incidents',
  {
    id: text('id').primaryKey(),
    code: text('code').notNull().unique(),
    townId: text('town_id').notNull(),
    category: text('category').notNull(),
    status: text('status').notNull(),
    reportedAt: ms('reported_at').notNull(),
    updatedAt: ms('updated_at').notNull(),
    lastSeq: ms('last_seq').notNull(),
    data: text('data').notNull(),
  },
  (t) => [
    index('incidents_category_idx').on(t.category, t.reportedAt),
    index('incidents_reported_idx').on(t.reportedAt),
  ],
)

/** (actor, command id) is the primary key: two nodes handed one command apply it once. */
export const commands = pgTable(
  'commands',
  {
    actorId: text('actor_id').notNull(),
    commandId: text('command_id').notNull(),
    seq: ms('seq'),
    reply: text('reply').notNull(),
    decidedAt: ms('decided_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.actorId, t.commandId] }), index('commands_seq_idx').on(t.seq)],
)

/** The newest committed seq and its chain hash: one row, locked by every append. */
export const logHead = pgTable(
  'log_head',
  {
    id: integer('id').primaryKey(),
    seq: ms('seq').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [check('log_head_one_row', sql`${t.id} = 1`)],
)

export const meta = pgTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
})

export const layouts = pgTable('layouts', {
  actorId: text('actor_id').primaryKey(),
  layout: text('layout').notNull(),
  updatedAt: ms('updated_at').notNull(),
})

// Accounts, sessions, seat grants and the auth audit, shared by every node (issue 18).
export * from './auth-schema'

// Rule sets and frozen assessment reports, shared by every node (issue 18).
export * from './assessment-schema'
