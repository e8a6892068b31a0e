import { sql } from 'drizzle-orm'
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import {
  DEADLINE_ASC_SQL,
  DEADLINE_DESC_SQL,
  EFFECTIVE_DEADLINE_SQL,
  OPEN_CASES_SQL,
  PRIORITY_RANK_SQL,
} from './sort-expressions'

/**
 * The workstation's local store (a cache of the server plus local state).
 * Migrations are generated into drizzle/ by drizzle-kit; append-only.
 */

/** Small local settings (locale, operator's saved views…), JSON values. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: integer('updated_at').notNull(),
})

/**
 * The projection of the server's log (one row per incident), written by the sync
 * engine with the shared `applyEvent`. Column names mirror `Incident`.
 */
export const incidents = sqliteTable(
  'incidents',
  {
    id: text('id').primaryKey(),
    code: text('code').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    category: text('category').notNull(),
    priority: text('priority').notNull(),
    source: text('source').notNull(),
    status: text('status').notNull(),
    townId: text('town_id').notNull(),
    gridId: text('grid_id').notNull(),
    componentId: text('component_id'),
    lat: real('lat').notNull(),
    lng: real('lng').notNull(),
    address: text('address').notNull(),
    reporterId: text('reporter_id').notNull(),
    reportedAt: integer('reported_at').notNull(),
    assigneeKind: text('assignee_kind'),
    assigneeId: text('assignee_id'),
    dispatchedAt: integer('dispatched_at'),
    deadline: integer('deadline'),
    acknowledgedAt: integer('acknowledged_at'),
    resolvedAt: integer('resolved_at'),
    verifiedAt: integer('verified_at'),
    closedAt: integer('closed_at'),
    suspended: integer('suspended').notNull(),
    suspendedAt: integer('suspended_at'),
    suspendedMs: integer('suspended_ms').notNull(),
    escalationLevel: integer('escalation_level').notNull(),
    reworkCount: integer('rework_count').notNull(),
    duplicateOf: text('duplicate_of'),
    // Assessment facts (Incident, docs/assessment.md); rows cached before they existed are
    // backfilled by the migration from the current deadline.
    intakeAt: integer('intake_at'),
    intakeBy: text('intake_by'),
    firstDispatchedAt: integer('first_dispatched_at'),
    dispatchedBy: text('dispatched_by'),
    firstDeadline: integer('first_deadline'),
    extendedMs: integer('extended_ms').notNull().default(0),
    creditedSuspendedMs: integer('credited_suspended_ms').notNull().default(0),
    suspensionCredited: integer('suspension_credited').notNull().default(0),
    version: integer('version').notNull(),
    updatedAt: integer('updated_at').notNull(),
    lastSeq: integer('last_seq').notNull(),
    /** The reporter's photo (Incident.mediaUrl), when there is one. */
    mediaUrl: text('media_url'),
    /** Handling history (Incident.pendingRequest … overdueWhenSuspended): JSON text, NULL when absent. */
    pendingRequest: text('pending_request'),
    extensions: text('extensions'),
    sentBackFrom: text('sent_back_from'),
    formerAssignees: text('former_assignees'),
    overdueWhenSuspended: integer('overdue_when_suspended'),
    /** Why the last dispatch set another deadline than the default (Incident.deadlineReason), NULL when not. */
    deadlineReason: text('deadline_reason'),
    /** Set when an event for this incident was quarantined: later events cannot be folded on top of it. */
    staleSinceSeq: integer('stale_since_seq'),
  },
  // Chosen for the views' queries; columns that change with most events (status, updated_at) are kept
  // out of the composite ones so an event rewrites as few index entries as possible.
  (t) => [
    index('incidents_status_idx').on(t.status, t.reportedAt),
    index('incidents_town_idx').on(t.townId, t.reportedAt),
    index('incidents_category_idx').on(t.category, t.reportedAt),
    index('incidents_deadline_idx').on(t.deadline),
    index('incidents_reported_idx').on(t.reportedAt),
    index('incidents_component_idx').on(t.componentId),
    // Closed-per-hour and per-day trends range over closed_at (aggregates).
    index('incidents_closed_idx').on(t.closedAt),
    // The console table sorts on any column in SQL (store/table-sql.ts): one index per sort key, each
    // ending in reported_at (and the implicit rowid), the order's tie-breakers, so that a block at any
    // offset is read in index order without sorting. Status, town, category and reported_at have theirs above.
    index('incidents_code_sort_idx').on(t.code, t.reportedAt),
    index('incidents_title_sort_idx').on(t.title, t.reportedAt),
    index('incidents_address_sort_idx').on(t.address, t.reportedAt),
    index('incidents_grid_sort_idx').on(t.gridId, t.reportedAt),
    index('incidents_source_sort_idx').on(t.source, t.reportedAt),
    index('incidents_assignee_sort_idx').on(t.assigneeId, t.reportedAt),
    index('incidents_escalation_sort_idx').on(t.escalationLevel, t.reportedAt),
    index('incidents_rework_sort_idx').on(t.reworkCount, t.reportedAt),
    index('incidents_priority_sort_idx').on(sql.raw(PRIORITY_RANK_SQL), t.reportedAt),
    // By deadline, finished cases come last in either direction: one expression (and index) per direction.
    index('incidents_deadline_asc_sort_idx').on(sql.raw(DEADLINE_ASC_SQL), t.reportedAt),
    index('incidents_deadline_desc_sort_idx').on(sql.raw(DEADLINE_DESC_SQL), t.reportedAt),
    // The overdue and hazards views count open cases only, a small part of a long-kept cache.
    index('incidents_overdue_idx')
      .on(sql.raw(EFFECTIVE_DEADLINE_SQL), t.deadline)
      .where(sql.raw(`${OPEN_CASES_SQL} AND suspended = 0`)),
    index('incidents_open_category_idx').on(t.category).where(sql.raw(OPEN_CASES_SQL)),
  ],
)

/** The timeline: every applied event, as the server logged it. */
export const incidentEvents = sqliteTable(
  'incident_events',
  {
    seq: integer('seq').primaryKey(),
    incidentId: text('incident_id').notNull(),
    type: text('type').notNull(),
    payload: text('payload').notNull(),
    actorId: text('actor_id').notNull(),
    role: text('role').notNull(),
    workstationId: text('workstation_id'),
    serverTime: integer('server_time').notNull(),
    issuedAt: integer('issued_at'),
    commandId: text('command_id'),
    version: integer('version').notNull(),
  },
  (t) => [index('incident_events_incident_idx').on(t.incidentId, t.seq)],
)

/** Reference data (towns, grids, departments, teams, workers): one JSON document per version. */
export const referenceData = sqliteTable('reference_data', {
  id: integer('id').primaryKey(),
  version: text('version').notNull(),
  data: text('data').notNull(),
  fetchedAt: integer('fetched_at').notNull(),
})

/**
 * Where this cache stands against the server (one row, id = 1). `cursor` is the
 * highest seq that is either applied or recorded in `quarantine`; every seq at or
 * below it has been accounted for, none above it has.
 */
export const syncState = sqliteTable('sync_state', {
  id: integer('id').primaryKey(),
  serverId: text('server_id'),
  cursor: integer('cursor').notNull(),
  referenceVersion: text('reference_version'),
  newestEventAt: integer('newest_event_at'),
  /** The last principal the server named for this workstation (JSON), for commands issued offline. */
  principal: text('principal'),
  /** A reset from snapshot is under way: the cache is partial until it finishes. */
  resetting: integer('resetting').notNull().default(0),
  updatedAt: integer('updated_at').notNull(),
})

/** Operator actions not yet confirmed by the server, in issue order. */
export const outbox = sqliteTable(
  'outbox',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    commandId: text('command_id').notNull(),
    type: text('type').notNull(),
    incidentId: text('incident_id').notNull(),
    expectedVersion: integer('expected_version'),
    payload: text('payload').notNull(),
    issuedAt: integer('issued_at').notNull(),
    /** The principal the command was issued as (JSON): its actor and role. */
    principal: text('principal'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    nextAttemptAt: integer('next_attempt_at').notNull().default(0),
    /** The server accepted it at this seq; the row stays (as overlay) until the cache has that seq. */
    ackedSeq: integer('acked_seq'),
  },
  (t) => [uniqueIndex('outbox_command_idx').on(t.commandId), index('outbox_incident_idx').on(t.incidentId)],
)

/** Commands the server rejected, for the operator to dismiss or redo. */
export const conflicts = sqliteTable(
  'conflicts',
  {
    id: text('id').primaryKey(),
    commandId: text('command_id').notNull(),
    type: text('type').notNull(),
    incidentId: text('incident_id').notNull(),
    payload: text('payload').notNull(),
    code: text('code').notNull(),
    message: text('message').notNull(),
    currentVersion: integer('current_version'),
    issuedAt: integer('issued_at').notNull(),
    rejectedAt: integer('rejected_at').notNull(),
    dismissedAt: integer('dismissed_at'),
  },
  (t) => [index('conflicts_open_idx').on(t.dismissedAt, t.rejectedAt)],
)

/** Events that arrived but could not be applied (malformed, or not fitting the projection). */
export const quarantine = sqliteTable(
  'quarantine',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    seq: integer('seq'),
    incidentId: text('incident_id'),
    reason: text('reason').notNull(),
    raw: text('raw').notNull(),
    source: text('source').notNull(),
    receivedAt: integer('received_at').notNull(),
  },
  (t) => [index('quarantine_seq_idx').on(t.seq)],
)

/** What operators did at this workstation and what became of it (local, traceable). */
export const actionAudit = sqliteTable(
  'action_audit',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    action: text('action').notNull(),
    commandId: text('command_id'),
    incidentId: text('incident_id'),
    actorId: text('actor_id'),
    detail: text('detail'),
  },
  (t) => [index('action_audit_at_idx').on(t.at)],
)

/** Incidents removed by retention; late comments for them are skipped rather than quarantined. */
export const prunedIncidents = sqliteTable('pruned_incidents', {
  id: text('id').primaryKey(),
  prunedAt: integer('pruned_at').notNull(),
})
