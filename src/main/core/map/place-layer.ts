import type { Feature, Point } from 'geojson'
import type { MapFigures, PlaceFigures, PlaceLayer, PlaceLevel, PlaceProps } from '@shared/contract'
import type { ReferenceData } from '@shared/domain'

/**
 * One label point per town, village or community, and grid, carrying its name
 * and live figures: the labels ("横栏镇 · 在办 12") and the fills read them.
 * Leaf grids and towns have their own figures; a village's are the sum of its
 * grids'. Points sit at the reference data's label centres (inside the shape).
 */
export function buildPlaceLayer(ref: ReferenceData | null, figures: MapFigures | null): PlaceLayer {
  const zero = { open: 0, overdue: 0, reportedToday: 0 }
  const towns = new Map((figures?.towns ?? []).map((f) => [f.id, f]))
  const grids = new Map((figures?.grids ?? []).map((f) => [f.id, f]))
  const mediums = new Map<string, { open: number; overdue: number; reportedToday: number }>()
  for (const g of ref?.grids ?? []) {
    if (!g.parentId) continue
    const f: Pick<PlaceFigures, 'open' | 'overdue' | 'reportedToday'> = grids.get(g.id) ?? zero
    const m = mediums.get(g.parentId) ?? { open: 0, overdue: 0, reportedToday: 0 }
    m.open += f.open
    m.overdue += f.overdue
    m.reportedToday += f.reportedToday
    mediums.set(g.parentId, m)
  }
  const maxOpen: Record<PlaceLevel, number> = { town: 0, medium: 0, grid: 0 }
  const features: Feature<Point, PlaceProps>[] = []
  const push = (
    level: PlaceLevel,
    id: string,
    name: string,
    nameEn: string | null,
    townId: string,
    at: { lng: number; lat: number },
    f: Pick<PlaceFigures, 'open' | 'overdue' | 'reportedToday'>,
  ) => {
    maxOpen[level] = Math.max(maxOpen[level], f.open)
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [at.lng, at.lat] },
      properties: { id, level, name, nameEn, townId, open: f.open, overdue: f.overdue, today: f.reportedToday },
    })
  }
  for (const t of ref?.towns ?? []) push('town', t.id, t.name, t.nameEn, t.id, t, towns.get(t.id) ?? zero)
  for (const g of ref?.grids ?? []) {
    if (g.level === 'medium') push('medium', g.id, g.name, null, g.townId, g, mediums.get(g.id) ?? zero)
    else push('grid', g.id, g.name, null, g.townId, g, grids.get(g.id) ?? zero)
  }
  return { data: { type: 'FeatureCollection', features }, version: figures?.version ?? 0, maxOpen }
}
