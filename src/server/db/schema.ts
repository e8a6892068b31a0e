import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'

/**
 * The central server's store. `events` is the append-only, hash-chained log;
 * `incidents` is its projection (the full object as JSON plus the columns that
 * queries filter on); `commands` remembers every decided command id, per actor,
 * so a resent command is acknowledged with the same result instead of applied
 * twice, and one principal's ids never touch another's.
 */
export const events = sqliteTable(
  'events',
  {
    seq: integer('seq').primaryKey(),
    incidentId: text('incident_id').notNull(),
    type: text('type').notNull(),
    /** Canonical JSON (sorted keys): exactly the text the hash covers. */
    payload: text('payload').notNull(),
    actorId: text('actor_id').notNull(),
    role: text('role').notNull(),
    workstationId: text('workstation_id'),
    serverTime: integer('server_time').notNull(),
    issuedAt: integer('issued_at'),
    commandId: text('command_id'),
    version: integer('version').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('events_incident_idx').on(t.incidentId, t.seq)],
)

export const incidents = sqliteTable(
  'incidents',
  {
    id: text('id').primaryKey(),
    code: text('code').notNull().unique(),
    townId: text('town_id').notNull(),
    category: text('category').notNull(),
    status: text('status').notNull(),
    reportedAt: integer('reported_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    lastSeq: integer('last_seq').notNull(),
    /** The whole Incident object as JSON. */
    data: text('data').notNull(),
  },
  (t) => [
    index('incidents_category_idx').on(t.category, t.reportedAt),
    index('incidents_reported_idx').on(t.reportedAt),
  ],
)

export const commands = sqliteTable(
  'commands',
  {
    actorId: text('actor_id').notNull(),
    commandId: text('command_id').notNull(),
    /** The seq of the event an applied command appended (null for a rejection): witnesses the log's tail. */
    seq: integer('seq'),
    /** The CommandReply as JSON. */
    reply: text('reply').notNull(),
    decidedAt: integer('decided_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.actorId, t.commandId] }), index('commands_seq_idx').on(t.seq)],
)

/** Server identity and log bookkeeping (serverId, oldest kept seq, anchor hash, the head record). */
export const meta = sqliteTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
})

/** Per-operator screen layouts, an opaque JSON blob per actor. */
export const layouts = sqliteTable('layouts', {
  actorId: text('actor_id').primaryKey(),
  layout: text('layout').notNull(),
  updatedAt: integer('updated_at').notNull(),
})

// Accounts, workstations, sessions, seat grants and the auth audit (issue 10).
export * from './auth-schema'

// Rule sets and frozen assessment reports (issue 12).
export * from './assessment-schema'
