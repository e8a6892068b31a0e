import type { SqlExecutor } from '@infra/sqlite'
import type { Feature, Point } from 'geojson'
import type { HeatLayer, HeatProps, HeatQuery } from '@shared/contract'
import type { Grid, ReferenceData } from '@shared/domain'
import { dayIndex, dayStart, type Clock } from '../aggregates/time-buckets'

/**
 * Reports per grid for a period (today, the last 7 or 30 district days) and an
 * optional category, one weighted point per grid at its centre: MapLibre's
 * heatmap layer draws the heat from them.
 */
export async function buildHeatLayer(
  db: SqlExecutor,
  ref: ReferenceData | null,
  q: HeatQuery,
  now: number,
  clock: Clock,
): Promise<HeatLayer> {
  const days = q.days ?? 7
  const from = dayStart(clock, dayIndex(clock, now) - days + 1)
  const rows = await db.all(
    `SELECT grid_id AS grid, count(*) AS n FROM incidents WHERE reported_at >= ?${q.category ? ' AND category = ?' : ''}
     GROUP BY grid_id`,
    q.category ? [from, q.category] : [from],
  )
  const at = new Map((ref?.grids ?? []).map((g) => [g.id, g]))
  const counted: { g: Grid; n: number }[] = []
  let max = 0
  let total = 0
  for (const r of rows) {
    const g = at.get(String(r.grid))
    const n = Number(r.n)
    if (!g || !(n > 0)) continue
    max = Math.max(max, n)
    total += n
    counted.push({ g, n })
  }
  const features: Feature<Point, HeatProps>[] = counted.map(({ g, n }) => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [g.lng, g.lat] },
    properties: { id: g.id, n, w: n / max },
  }))
  return { data: { type: 'FeatureCollection', features }, max, total, from }
}
