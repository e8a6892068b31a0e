import type { SqlExecutor, SqlParam } from '@infra/sqlite'
import type { Incident } from '@shared/domain'
import {
  LONE_SURROGATE_ESCAPE,
  insertJsonStatements,
  insertMany,
  jsonCol,
  jsonExact,
  runAll,
  type Statement,
} from './bulk'

type Key = keyof Incident
/** `json`: a structured field (handling history) stored as JSON text. */
type Kind = 'text' | 'num' | 'bool' | 'json'

/** Incident field ↔ column of the `incidents` table (see schema.ts), in one list. */
const FIELDS: readonly (readonly [Key, string, Kind])[] = [
  ['id', 'id', 'text'],
  ['code', 'code', 'text'],
  ['title', 'title', 'text'],
  ['description', 'description', 'text'],
  ['category', 'category', 'text'],
  ['priority', 'priority', 'text'],
  ['source', 'source', 'text'],
  ['status', 'status', 'text'],
  ['townId', 'town_id', 'text'],
  ['gridId', 'grid_id', 'text'],
  ['componentId', 'component_id', 'text'],
  ['lat', 'lat', 'num'],
  ['lng', 'lng', 'num'],
  ['address', 'address', 'text'],
  ['reporterId', 'reporter_id', 'text'],
  ['reportedAt', 'reported_at', 'num'],
  ['assigneeKind', 'assignee_kind', 'text'],
  ['assigneeId', 'assignee_id', 'text'],
  ['dispatchedAt', 'dispatched_at', 'num'],
  ['deadline', 'deadline', 'num'],
  ['acknowledgedAt', 'acknowledged_at', 'num'],
  ['resolvedAt', 'resolved_at', 'num'],
  ['verifiedAt', 'verified_at', 'num'],
  ['closedAt', 'closed_at', 'num'],
  ['suspended', 'suspended', 'bool'],
  ['suspendedAt', 'suspended_at', 'num'],
  ['suspendedMs', 'suspended_ms', 'num'],
  ['escalationLevel', 'escalation_level', 'num'],
  ['reworkCount', 'rework_count', 'num'],
  ['duplicateOf', 'duplicate_of', 'text'],
  ['intakeAt', 'intake_at', 'num'],
  ['intakeBy', 'intake_by', 'text'],
  ['firstDispatchedAt', 'first_dispatched_at', 'num'],
  ['dispatchedBy', 'dispatched_by', 'text'],
  ['firstDeadline', 'first_deadline', 'num'],
  ['extendedMs', 'extended_ms', 'num'],
  ['creditedSuspendedMs', 'credited_suspended_ms', 'num'],
  ['suspensionCredited', 'suspension_credited', 'bool'],
  ['version', 'version', 'num'],
  ['updatedAt', 'updated_at', 'num'],
  ['lastSeq', 'last_seq', 'num'],
  // Optional on Incident: NULL in the row means the key is absent (see OPTIONAL).
  ['mediaUrl', 'media_url', 'text'],
  ['pendingRequest', 'pending_request', 'json'],
  ['extensions', 'extensions', 'json'],
  ['sentBackFrom', 'sent_back_from', 'json'],
  ['formerAssignees', 'former_assignees', 'json'],
  ['overdueWhenSuspended', 'overdue_when_suspended', 'bool'],
  ['deadlineReason', 'deadline_reason', 'text'],
]

/** Fields Incident leaves out when they have no value (rather than holding null). */
const OPTIONAL: ReadonlySet<Key> = new Set([
  'mediaUrl',
  'pendingRequest',
  'extensions',
  'sentBackFrom',
  'formerAssignees',
  'overdueWhenSuspended',
  'deadlineReason',
])

/** An Incident value as the column holds it. */
function toParam(kind: Kind, v: unknown): SqlParam {
  if (v === undefined || v === null) return null
  if (kind === 'json') return JSON.stringify(v)
  return typeof v === 'boolean' ? (v ? 1 : 0) : (v as SqlParam)
}

/** A column value as Incident holds it. */
function fromColumn(kind: Kind, v: unknown): unknown {
  if (kind === 'bool') return v === 1 || v === true
  if (kind === 'json') return typeof v === 'string' ? (JSON.parse(v) as unknown) : v
  return v === undefined ? null : v
}

export const INCIDENT_COLUMNS = FIELDS.map((f) => f[1])
/** REAL columns: passed through JSON exactly (see exactReal in bulk.ts). */
const REAL_COLUMNS = ['lat', 'lng']
const REAL_FIELDS: ReadonlySet<string> = new Set(
  FIELDS.filter(([, col]) => REAL_COLUMNS.includes(col)).map(([key]) => key),
)
/** Selects every Incident column under its field name (so rows map straight onto Incident). */
export const INCIDENT_SELECT = FIELDS.map(([key, col]) => (key === col ? col : `${col} AS ${key}`)).join(', ')

export function incidentParams(incident: Incident): SqlParam[] {
  return FIELDS.map(([key, , kind]) => toParam(kind, incident[key]))
}

/** A row selected with INCIDENT_SELECT (plus anything else) → Incident. */
export function incidentFromRow(row: Record<string, unknown>): Incident {
  const out: Record<string, unknown> = {}
  for (const [key, , kind] of FIELDS) {
    const v = row[key]
    if (OPTIONAL.has(key) && (v === null || v === undefined)) continue
    out[key] = fromColumn(kind, v)
  }
  return out as unknown as Incident
}

/**
 * Every column of a row as ONE JSON array built by SQLite (REAL columns as 17-digit text, which
 * reads back exact). node-sqlite3 turns a 34-column row into an object about three times slower
 * than V8 parses the same row from JSON, so bulk reads take this path.
 */
export const INCIDENT_JSON_ARRAY = `json_array(${FIELDS.map(([key, col]) =>
  REAL_FIELDS.has(key) ? `printf('%!.17g', ${col})` : col,
).join(', ')})`

/** A row read as INCIDENT_JSON_ARRAY → Incident (same keys, same order, same values as incidentFromRow). */
export function incidentFromJsonArray(values: readonly unknown[]): Incident {
  const out: Record<string, unknown> = {}
  for (let i = 0; i < FIELDS.length; i++) {
    const [key, , kind] = FIELDS[i]!
    const v = values[i]
    if (OPTIONAL.has(key) && (v === null || v === undefined)) continue
    out[key] =
      kind === 'json'
        ? fromColumn(kind, v)
        : kind === 'bool'
          ? v === 1
          : v === undefined || v === null
            ? null
            : REAL_FIELDS.has(key)
              ? Number(v)
              : v
  }
  return out as unknown as Incident
}

/** Fields no event changes after the report: left out of the update so their indexes are not rewritten. */
const FIXED: ReadonlySet<string> = new Set([
  'id',
  'code',
  'title',
  'description',
  'category',
  'priority',
  'source',
  'town_id',
  'grid_id',
  'component_id',
  'lat',
  'lng',
  'address',
  'reporter_id',
  'reported_at',
  'media_url',
])

const UPSERT_TAIL = `ON CONFLICT(id) DO UPDATE SET ${INCIDENT_COLUMNS.filter((c) => !FIXED.has(c))
  .map((c) => `${c}=excluded.${c}`)
  .join(', ')}`
const REPLACE_TAIL = `ON CONFLICT(id) DO UPDATE SET ${INCIDENT_COLUMNS.filter((c) => c !== 'id')
  .map((c) => `${c}=excluded.${c}`)
  .join(', ')}`

/** Writes incidents folded from events: new rows whole, existing ones only in the fields events change. */
export function upsertStatements(rows: readonly Incident[]): Statement[] {
  return insertJsonStatements('incidents', INCIDENT_COLUMNS, rows.map(incidentParams), UPSERT_TAIL, REAL_COLUMNS)
}

export function upsertIncidents(tx: SqlExecutor, rows: readonly Incident[]): Promise<void> {
  return runAll(tx, upsertStatements(rows))
}

const MUTABLE = FIELDS.filter(([, col]) => !FIXED.has(col))

/**
 * Statements that write the fields that changed between `before` and `after` of rows that exist,
 * grouped by which fields changed, each group in one UPDATE … FROM jsonb_each(?)
 * statement. A dispatch touches six columns, not thirty-four: with node-sqlite3
 * the cost is per value passed, so this is several times faster than an upsert.
 */
export function updateStatements(pairs: readonly { before: Incident; after: Incident }[]): Statement[] {
  // Grouped by a bit mask of the changed fields (MUTABLE has fewer than 31).
  const groups = new Map<number, { fields: (readonly [Key, string, Kind])[]; rows: SqlParam[][] }>()
  for (const { before, after } of pairs) {
    let mask = 0
    for (let i = 0; i < MUTABLE.length; i++) if (before[MUTABLE[i]![0]] !== after[MUTABLE[i]![0]]) mask |= 1 << i
    if (mask === 0) continue
    let g = groups.get(mask)
    if (!g) groups.set(mask, (g = { fields: MUTABLE.filter((_, i) => mask & (1 << i)), rows: [] }))
    const row: SqlParam[] = [after.id]
    for (const [key, , kind] of g.fields) row.push(toParam(kind, after[key]))
    g.rows.push(row)
  }
  const statements: Statement[] = []
  for (const g of groups.values()) {
    const json = JSON.stringify(g.rows)
    if (LONE_SURROGATE_ESCAPE.test(json) || !g.rows.every((row) => row.every(jsonExact))) {
      // Strings JSON cannot carry as binding would store them (see bulk.ts): bound, one row at a time.
      const set = g.fields.map(([, col]) => `${col} = ?`).join(', ')
      for (const [id, ...values] of g.rows)
        statements.push([`UPDATE incidents SET ${set} WHERE id = ?`, [...values, id!]])
      continue
    }
    const set = g.fields.map(([, col], i) => `${col} = v.${jsonCol(i + 1)}`).join(', ')
    statements.push([
      `UPDATE incidents SET ${set} FROM jsonb_each(?) AS v WHERE incidents.id = v.${jsonCol(0)}`,
      [json],
    ])
  }
  return statements
}

export function updateChanged(tx: SqlExecutor, pairs: readonly { before: Incident; after: Incident }[]): Promise<void> {
  return runAll(tx, updateStatements(pairs))
}

/** Writes whole incident rows as given (a snapshot), replacing every projected column. */
export function replaceIncidents(tx: SqlExecutor, rows: readonly Incident[]): Promise<void> {
  return insertMany(tx, 'incidents', INCIDENT_COLUMNS, rows.map(incidentParams), REPLACE_TAIL)
}
