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
import type { IncidentStatus } from '@shared/domain'
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

const COLUMNS = `id, code, status, priority, lng, lat, (${OVERDUE_SQL}) AS o`

/** A selected row (COLUMNS), or the same values read from SQLite's JSON. */
type Row = Readonly<Record<string, unknown>>

/** Coordinates to 6 decimals (~0.1 m): the layer's text is a fifth shorter, the points where they were. */
const COORD_DECIMALS = 6
const roundCoord = (x: unknown) => Number(Number(x).toFixed(COORD_DECIMALS))

function feature(r: Row): CaseFeature {
  const status = String(r.status) as IncidentStatus
  const properties: CaseProps = {
    id: String(r.id),
    code: String(r.code),
    g: GROUP_OF[status] ?? 'void',
    p: PRIORITY_RANK[String(r.priority)] ?? 1,
    o: Number(r.o) ? 1 : 0,
  }
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [roundCoord(r.lng), roundCoord(r.lat)] },
    properties,
  }
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
 * One feature as JSON text, written by SQLite per row: the same keys and values as `feature`
 * (ids and codes quoted by json_quote; coordinates printed to 6 decimals, as roundCoord rounds them,
 * by printf: SQLite's round() costs more than the rest of the feature).
 */
const FEATURE_TEXT_SQL = `'{"type":"Feature","geometry":{"type":"Point","coordinates":[' ||
  printf('%.${COORD_DECIMALS}f,%.${COORD_DECIMALS}f', lng, lat) ||
  ']},"properties":{"id":' || json_quote(id) || ',"code":' || json_quote(code) ||
  ',"g":"' || ${GROUP_SQL} || '","p":' || ${RANK_SQL} ||
  ',"o":' || CASE WHEN ${OVERDUE_SQL} THEN 1 ELSE 0 END || '}}'`

/**
 * The whole layer as GeoJSON text (LayerText), written by SQLite in one statement: up to
 * 100,000 features never become JavaScript objects in the core (nor in the page, whose map
 * worker parses the text). Each feature is concatenated as text rather than built with the
 * JSON functions (which build, then print, a JSON value per feature): the same text for less work.
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
    `SELECT count(*) AS n, '{"type":"FeatureCollection","features":[' ||
       coalesce(group_concat(${FEATURE_TEXT_SQL}, ','), '') || ']}' AS geojson
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
