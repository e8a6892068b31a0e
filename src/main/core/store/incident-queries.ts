import type { SqlExecutor, SqlParam } from '@infra/sqlite'
import type { IncidentFilter } from '@shared/contract'
import { TERMINAL_STATUSES, effectiveDeadline, isOpen, isOverdue, type Incident } from '@shared/domain'
import { selectIn } from './bulk'
import { INCIDENT_JSON_ARRAY, incidentFromJsonArray } from './incident-rows'

const TERMINAL_SQL = TERMINAL_STATUSES.map((s) => `'${s}'`).join(',')

/** A cached incident and whether an event for it was quarantined (the row may lag the server). */
export type CachedRow = Incident & { readonly stale: boolean }
/** One JSON text per row (see INCIDENT_JSON_ARRAY): the incident's columns, then whether it is stale. */
export const CACHED_ROW_SQL = `json_array(${INCIDENT_JSON_ARRAY}, stale_since_seq IS NOT NULL) AS r`
export function cachedFromRow(row: Record<string, unknown>): CachedRow {
  const [values, stale] = JSON.parse(String(row.r)) as [unknown[], number]
  return { ...incidentFromJsonArray(values), stale: stale === 1 }
}

function inList(column: string, values: readonly string[], params: SqlParam[]): string {
  for (const v of values) params.push(v)
  return `${column} IN (${values.map(() => '?').join(',') || 'NULL'})`
}

function likeEscape(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

/** The filter as SQL over the `incidents` table (every field narrows; see IncidentFilter). */
export function filterSql(filter: IncidentFilter, now: number): { where: string; params: SqlParam[] } {
  const parts: string[] = []
  const params: SqlParam[] = []
  if (filter.ids) parts.push(inList('id', filter.ids, params))
  if (filter.statuses) parts.push(inList('status', filter.statuses, params))
  if (filter.categories) parts.push(inList('category', filter.categories, params))
  if (filter.priorities) parts.push(inList('priority', filter.priorities, params))
  if (filter.townIds) parts.push(inList('town_id', filter.townIds, params))
  if (filter.gridIds) parts.push(inList('grid_id', filter.gridIds, params))
  if (filter.assigneeId !== undefined) {
    parts.push('assignee_id = ?')
    params.push(filter.assigneeId)
  }
  if (filter.overdue !== undefined) {
    // Same rule as isOverdue: open, not suspended, past the deadline pushed back by suspended time.
    const overdue = `(status NOT IN (${TERMINAL_SQL}) AND suspended = 0 AND deadline IS NOT NULL AND ? > deadline + suspended_ms)`
    parts.push(filter.overdue ? overdue : `NOT ${overdue}`)
    params.push(now)
  }
  if (filter.suspended !== undefined) parts.push(filter.suspended ? 'suspended = 1' : 'suspended = 0')
  if (filter.reworked !== undefined) parts.push(filter.reworked ? 'rework_count > 0' : 'rework_count = 0')
  if (filter.reportedSince !== undefined) {
    parts.push('reported_at >= ?')
    params.push(filter.reportedSince)
  }
  if (filter.text) {
    const like = likeEscape(filter.text.trim())
    parts.push("(code LIKE ? ESCAPE '\\' OR title LIKE ? ESCAPE '\\' OR address LIKE ? ESCAPE '\\')")
    params.push(like, like, like)
  }
  return { where: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params }
}

/** The same filter in memory, for rows the overlay changed or created (not in SQL's view of them). */
export function matchesFilter(i: Incident, filter: IncidentFilter, now: number): boolean {
  const text = filter.text?.trim().toLowerCase()
  return (
    (!filter.ids || filter.ids.includes(i.id)) &&
    (!filter.statuses || filter.statuses.includes(i.status)) &&
    (!filter.categories || filter.categories.includes(i.category)) &&
    (!filter.priorities || filter.priorities.includes(i.priority)) &&
    (!filter.townIds || filter.townIds.includes(i.townId)) &&
    (!filter.gridIds || filter.gridIds.includes(i.gridId)) &&
    (filter.assigneeId === undefined || i.assigneeId === filter.assigneeId) &&
    (filter.overdue === undefined || isOverdue(i, now) === filter.overdue) &&
    (filter.suspended === undefined || i.suspended === filter.suspended) &&
    (filter.reworked === undefined || i.reworkCount > 0 === filter.reworked) &&
    (filter.reportedSince === undefined || i.reportedAt >= filter.reportedSince) &&
    (!text || [i.code, i.title, i.address].some((s) => s.toLowerCase().includes(text)))
  )
}

export async function listIncidents(
  exec: SqlExecutor,
  filter: IncidentFilter,
  page: { offset: number; limit: number },
  now: number,
): Promise<{ rows: CachedRow[]; total: number }> {
  const { where, params } = filterSql(filter, now)
  const total = Number((await exec.get(`SELECT count(*) AS n FROM incidents ${where}`, params))?.n ?? 0)
  const rows = await exec.all(
    `SELECT ${CACHED_ROW_SQL} FROM incidents ${where} ORDER BY reported_at DESC, id LIMIT ? OFFSET ?`,
    [...params, page.limit, page.offset],
  )
  return { rows: rows.map(cachedFromRow), total }
}

export async function getIncidents(exec: SqlExecutor, ids: readonly string[]): Promise<Map<string, CachedRow>> {
  const rows = await selectIn(
    exec,
    ids,
    (ph) => `SELECT ${CACHED_ROW_SQL} FROM incidents WHERE id IN (${ph})`,
    cachedFromRow,
  )
  return new Map(rows.map((r) => [r.id, r]))
}

export interface TimelineRow {
  readonly seq: number
  readonly type: string
  readonly payload: Record<string, unknown>
  readonly actorId: string
  readonly role: string
  readonly workstationId: string | null
  readonly serverTime: number
  readonly issuedAt: number | null
  readonly version: number
}

export async function timelineOf(exec: SqlExecutor, incidentId: string): Promise<TimelineRow[]> {
  const rows = await exec.all('SELECT * FROM incident_events WHERE incident_id = ? ORDER BY seq', [incidentId])
  return rows.map((r) => ({
    seq: Number(r.seq),
    type: String(r.type),
    payload: JSON.parse(String(r.payload)) as Record<string, unknown>,
    actorId: String(r.actor_id),
    role: String(r.role),
    workstationId: (r.workstation_id as string | null) ?? null,
    serverTime: Number(r.server_time),
    issuedAt: r.issued_at == null ? null : Number(r.issued_at),
    version: Number(r.version),
  }))
}

const DUP_RADIUS_M = 500
const DUP_WINDOW_MS = 6 * 3_600_000

function metres(aLat: number, aLng: number, bLat: number, bLng: number): number {
  const rad = Math.PI / 180
  const x = (bLng - aLng) * rad * Math.cos(((aLat + bLat) / 2) * rad)
  const y = (bLat - aLat) * rad
  return Math.sqrt(x * x + y * y) * 6_371_000
}

/** Likely duplicates: still open, and the same coded component, or the same category within ~500 m in the last 6 h. */
export async function suggestedDuplicates(exec: SqlExecutor, incident: Incident, now: number): Promise<CachedRow[]> {
  const dLat = DUP_RADIUS_M / 111_320
  const dLng = dLat / Math.max(0.1, Math.cos((incident.lat * Math.PI) / 180))
  const since = Math.min(now, incident.reportedAt) - DUP_WINDOW_MS
  const rows = await exec.all(
    `SELECT ${CACHED_ROW_SQL} FROM incidents
     WHERE id <> ? AND status NOT IN (${TERMINAL_SQL}) AND (
       (component_id IS NOT NULL AND component_id = ?) OR
       (category = ? AND reported_at >= ? AND lat BETWEEN ? AND ? AND lng BETWEEN ? AND ?))
     ORDER BY reported_at DESC LIMIT 50`,
    [
      incident.id,
      incident.componentId,
      incident.category,
      since,
      incident.lat - dLat,
      incident.lat + dLat,
      incident.lng - dLng,
      incident.lng + dLng,
    ],
  )
  return rows
    .map(cachedFromRow)
    .filter(
      (i) =>
        isOpen(i) &&
        ((incident.componentId !== null && i.componentId === incident.componentId) ||
          metres(incident.lat, incident.lng, i.lat, i.lng) <= DUP_RADIUS_M),
    )
    .slice(0, 10)
}

export { effectiveDeadline }

/** The cases a merge links to this one: those named as its master (by id), and those merged into it. */
export async function relatedCases(
  exec: SqlExecutor,
  incident: Incident,
  masterIds: readonly string[],
): Promise<{ id: string; code: string; title: string; relation: 'master' | 'merged_in' }[]> {
  const masters = [...new Set([...(incident.duplicateOf ? [incident.duplicateOf] : []), ...masterIds])]
  const out: { id: string; code: string; title: string; relation: 'master' | 'merged_in' }[] = []
  if (masters.length > 0) {
    const rows = await exec.all(
      `SELECT id, code, title FROM incidents WHERE id IN (${masters.map(() => '?').join(',')})`,
      masters,
    )
    for (const r of rows)
      out.push({ id: String(r.id), code: String(r.code), title: String(r.title), relation: 'master' })
  }
  const merged = await exec.all(
    'SELECT id, code, title FROM incidents WHERE duplicate_of = ? ORDER BY reported_at LIMIT 50',
    [incident.id],
  )
  for (const r of merged)
    out.push({ id: String(r.id), code: String(r.code), title: String(r.title), relation: 'merged_in' })
  return out
}
