import type { SqlExecutor } from '@infra/sqlite'
import type { Feature, LineString, Point } from 'geojson'
import type { IncidentView, UnitCard, UnitKind, UnitLayer, UnitProps } from '@shared/contract'
import type { ReferenceData } from '@shared/domain'
import { OPEN_SQL } from '../aggregates/sql'
import { INCIDENT_SELECT, incidentFromRow } from '../store/incident-rows'
import type { PositionStore } from './position-store'

/** A case's sort key for "what is it on now": earliest deadline first, then the oldest report. */
const DUE = 'coalesce(deadline, reported_at)'

interface Work {
  load: number
  task: string
}

/** Per team: its open dispatched cases; per grid: its open cases (what its grid workers have in hand). */
async function workload(db: SqlExecutor): Promise<{ teams: Map<string, Work>; grids: Map<string, Work> }> {
  // SQLite returns the bare `code` column from the row that holds the min().
  const teamRows = await db.all(
    `SELECT assignee_id AS id, count(*) AS n, code, min(${DUE}) AS due FROM incidents
     WHERE assignee_kind = 'team' AND ${OPEN_SQL} GROUP BY assignee_id`,
  )
  const gridRows = await db.all(
    `SELECT grid_id AS id, count(*) AS n, code, min(${DUE}) AS due FROM incidents WHERE ${OPEN_SQL} GROUP BY grid_id`,
  )
  const toMap = (rows: Record<string, unknown>[]) =>
    new Map(rows.map((r) => [String(r.id), { load: Number(r.n), task: String(r.code ?? '') }]))
  return { teams: toMap(teamRows), grids: toMap(gridRows) }
}

/**
 * The joint teams and grid workers that reported a position, each with the
 * cases in hand and the one due first, and the teams' short trails.
 */
export async function buildUnitLayer(
  db: SqlExecutor,
  ref: ReferenceData | null,
  positions: PositionStore,
): Promise<UnitLayer> {
  const { teams, grids } = await workload(db)
  const teamName = new Map((ref?.teams ?? []).map((t) => [t.id, t.name]))
  const worker = new Map((ref?.workers ?? []).map((w) => [w.id, w]))
  const units: Feature<Point, UnitProps>[] = []
  const trails: Feature<LineString, { id: string }>[] = []
  for (const t of positions.all()) {
    const id = `${t.kind}:${t.unitId}`
    const w = t.kind === 'worker' ? worker.get(t.unitId) : undefined
    const work = (t.kind === 'team' ? teams.get(t.unitId) : w ? grids.get(w.gridId) : undefined) ?? {
      load: 0,
      task: '',
    }
    units.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [t.lng, t.lat] },
      properties: {
        id,
        kind: t.kind,
        unitId: t.unitId,
        name: (t.kind === 'team' ? teamName.get(t.unitId) : w?.name) ?? t.unitId,
        townId: t.townId,
        load: work.load,
        task: work.task,
        at: t.at,
      },
    })
    if (t.kind === 'team' && t.trail.length > 0)
      trails.push({
        type: 'Feature',
        geometry: { type: 'LineString', coordinates: [...t.trail.map((p) => [p[0], p[1]]), [t.lng, t.lat]] },
        properties: { id },
      })
  }
  return {
    units: { type: 'FeatureCollection', features: units },
    trails: { type: 'FeatureCollection', features: trails },
    asOf: positions.asOf,
  }
}

/** A team's or worker's card: who, where, and the open cases in hand (earliest deadline first). */
export async function unitCard(
  db: SqlExecutor,
  ref: ReferenceData | null,
  positions: PositionStore,
  kind: UnitKind,
  id: string,
): Promise<UnitCard | null> {
  const where =
    kind === 'team'
      ? { sql: `assignee_kind = 'team' AND assignee_id = ?`, param: id }
      : { sql: 'grid_id = ?', param: ref?.workers.find((w) => w.id === id)?.gridId ?? '' }
  let name: string
  let townId: string
  let members: string[]
  let gridId: string | null
  if (kind === 'team') {
    const team = ref?.teams.find((t) => t.id === id)
    if (!team) return null
    const partner = ref?.workers.find((w) => w.id === team.gridWorkerId)
    name = team.name
    townId = team.townId
    members = [team.officer, ...(partner ? [partner.name] : [])]
    gridId = partner?.gridId ?? null
  } else {
    const w = ref?.workers.find((x) => x.id === id)
    if (!w) return null
    name = w.name
    townId = w.townId
    members = [w.name]
    gridId = w.gridId
  }
  const rows = await db.all(
    `SELECT ${INCIDENT_SELECT} FROM incidents WHERE ${where.sql} AND ${OPEN_SQL} ORDER BY ${DUE} LIMIT 50`,
    [where.param],
  )
  const tasks: IncidentView[] = rows.map((r) => ({ ...incidentFromRow(r), pending: [] }))
  const at = positions.get(kind, id)
  return {
    kind,
    id,
    name,
    townId,
    members,
    gridId,
    position: at ? { lng: at.lng, lat: at.lat, at: at.at } : null,
    tasks,
  }
}
