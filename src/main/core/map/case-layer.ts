import type { SqlExecutor, SqlParam } from '@infra/sqlite'
import type {
  CaseFeature,
  CaseGroup,
  CaseLayer,
  CaseLayerQuery,
  CaseLayerUpdate,
  CaseProps,
  DrillKey,
} from '@shared/contract'
import type { CategoryId, IncidentStatus } from '@shared/domain'
import { drillWhere } from '../aggregates/drill'
import { OPEN_SQL, OVERDUE_SQL } from '../aggregates/sql'
import { DAY_MS, dayIndex, dayStart, type Clock } from '../aggregates/time-buckets'

/** Colour groups of the map (CASE_GROUPS), by status. */
export const GROUP_OF: Record<IncidentStatus, CaseGroup> = {
  reported: 'awaiting',
  accepted: 'awaiting',
  dispatched: 'handling',
  in_progress: 'handling',
  resolved: 'checking',
  verified: 'checking',
  closed: 'closed',
  rejected: 'void',
  merged: 'void',
}

const PRIORITY_RANK: Record<string, number> = { low: 0, normal: 1, high: 2, urgent: 3 }

/**
 * The drill-down key that selects a case layer's cases. The layer, a box drawn
 * on it (key + bbox) and the console's list behind that box all run the same
 * SQL (drillWhere), so what the map shows, selects and lists cannot differ.
 * Periods are fixed when the layer is built: today from district midnight, a
 * week or a month back from now.
 */
export function caseLayerKey(q: CaseLayerQuery, now: number, clock: Clock): DrillKey {
  const category = q.category ? { category: q.category } : {}
  switch (q.scope ?? 'open') {
    case 'open':
      return { metric: 'open', ...category }
    case 'today':
      return { metric: 'reported', from: dayStart(clock, dayIndex(clock, now)), ...category }
    case 'week':
      return { metric: 'reported', from: now - 7 * DAY_MS, ...category }
    case 'month':
      return { metric: 'reported', from: now - 30 * DAY_MS, ...category }
  }
}

const COLUMNS = `id, code, status, priority, category, lng, lat, (${OVERDUE_SQL}) AS o`

/** A selected row (COLUMNS), or the same values read from SQLite's JSON. */
type Row = Readonly<Record<string, unknown>>

function feature(r: Row): CaseFeature {
  const status = String(r.status) as IncidentStatus
  const properties: CaseProps = {
    id: String(r.id),
    code: String(r.code),
    g: GROUP_OF[status] ?? 'void',
    status,
    p: PRIORITY_RANK[String(r.priority)] ?? 1,
    o: Number(r.o) ? 1 : 0,
    cat: String(r.category) as CategoryId,
  }
  return { type: 'Feature', geometry: { type: 'Point', coordinates: [Number(r.lng), Number(r.lat)] }, properties }
}

/** The assessment window the drill SQL would otherwise use (the layer's keys always name their period). */
const WINDOW_DAYS = 30

/** CaseProps.g and .p as SQL over a row, from the same tables `feature` uses. */
const GROUP_SQL = `CASE status ${Object.entries(GROUP_OF)
  .map(([status, group]) => `WHEN '${status}' THEN '${group}'`)
  .join(' ')} ELSE 'void' END`
const RANK_SQL = `CASE priority ${Object.entries(PRIORITY_RANK)
  .map(([priority, rank]) => `WHEN '${priority}' THEN ${rank}`)
  .join(' ')} ELSE 1 END`

/**
 * The whole layer as GeoJSON text (LayerText), written by SQLite's JSON functions in one
 * statement: up to 100,000 features never become JavaScript objects in the core (nor in the
 * page, whose map worker parses the text).
 */
export async function buildCaseLayer(
  db: SqlExecutor,
  q: CaseLayerQuery,
  now: number,
  clock: Clock,
): Promise<CaseLayer> {
  const key = caseLayerKey(q, now, clock)
  const { where, params } = drillWhere(key, now, WINDOW_DAYS, clock)
  const row = await db.get(
    `SELECT count(*) AS n, json_object('type', 'FeatureCollection', 'features', json_group_array(json_object(
       'type', 'Feature',
       'geometry', json_object('type', 'Point', 'coordinates', json_array(lng, lat)),
       'properties', json_object('id', id, 'code', code, 'g', ${GROUP_SQL}, 'status', status, 'p', ${RANK_SQL},
                                 'o', CASE WHEN ${OVERDUE_SQL} THEN 1 ELSE 0 END, 'cat', category)))) AS geojson
     FROM incidents ${where}`,
    [now, ...params],
  )
  return { key, geojson: String(row?.geojson), count: Number(row?.n ?? 0), builtAt: now }
}

/**
 * What changed in a layer: each asked-for id as it is now when it still belongs to the layer
 * (replaced by id), otherwise removed; plus the cases that fell overdue since `overdueFrom`
 * (nothing happened to them, the clock passed their deadline).
 */
export async function caseLayerUpdate(
  db: SqlExecutor,
  key: DrillKey,
  ids: readonly string[],
  overdueFrom: number | undefined,
  now: number,
  clock: Clock,
): Promise<CaseLayerUpdate> {
  const { where, params } = drillWhere(key, now, WINDOW_DAYS, clock)
  const and = where ? `${where} AND` : 'WHERE'
  const add: CaseFeature[] = []
  const seen = new Set<string>()
  if (ids.length > 0) {
    const rows = await db.all(`SELECT ${COLUMNS} FROM incidents ${and} id IN (SELECT value FROM json_each(?))`, [
      now,
      ...params,
      JSON.stringify(ids),
    ])
    for (const r of rows) {
      const f = feature(r)
      seen.add(f.properties.id)
      add.push(f)
    }
  }
  if (overdueFrom !== undefined && overdueFrom < now) {
    const due: SqlParam[] = [now, ...params, overdueFrom, now]
    const rows = await db.all(
      `SELECT ${COLUMNS} FROM incidents ${and} ${OPEN_SQL} AND suspended = 0 AND deadline IS NOT NULL
         AND deadline + suspended_ms >= ? AND deadline + suspended_ms < ?`,
      due,
    )
    for (const r of rows) {
      const f = feature(r)
      if (seen.has(f.properties.id)) continue
      seen.add(f.properties.id)
      add.push(f)
    }
  }
  return { add, remove: ids.filter((i) => !seen.has(i)), builtAt: now }
}
