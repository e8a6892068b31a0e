import type { SqlExecutor } from '@infra/sqlite'
import type { Feature, FeatureCollection, Point } from 'geojson'
import type { ComponentCard, ComponentLayer, ComponentProps, IncidentView } from '@shared/contract'
import type { CityComponent } from '@shared/domain'
import { INCIDENT_SELECT, incidentFromRow } from '../store/incident-rows'
import type { ComponentCache } from './component-cache'

/** The layer made from a component list (the cache replaces its list whole when the version changes). */
const built = new WeakMap<readonly CityComponent[], ComponentLayer>()

/**
 * Every cached component and rental building as a point (the style shows them at close zoom).
 * ~65,000 of them: the text is made once per reference version and reused.
 */
export function buildComponentLayer(cache: ComponentCache): ComponentLayer {
  const list = cache.all()
  const made = built.get(list)
  if (made && made.version === cache.version) return made
  const features: Feature<Point, ComponentProps>[] = list.map((c) => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [c.lng, c.lat] },
    properties: { id: c.id, kind: c.kind, qr: c.qrCode, rooms: c.rooms ?? 0, video: c.videoAccess ? 1 : 0 },
  }))
  const data: FeatureCollection<Point, ComponentProps> = { type: 'FeatureCollection', features }
  const layer: ComponentLayer = { geojson: JSON.stringify(data), version: cache.version }
  built.set(list, layer)
  return layer
}

/** A component's or rental building's card: what it is, its rooms and door access, and its cases. */
export async function componentCard(db: SqlExecutor, cache: ComponentCache, id: string): Promise<ComponentCard | null> {
  const c = cache.get(id)
  if (!c) return null
  const rows = await db.all(
    `SELECT ${INCIDENT_SELECT} FROM incidents WHERE component_id = ? ORDER BY reported_at DESC LIMIT 100`,
    [id],
  )
  const cases: IncidentView[] = rows.map((r) => ({ ...incidentFromRow(r), pending: [] }))
  return {
    id: c.id,
    qrCode: c.qrCode,
    kind: c.kind,
    townId: c.townId,
    gridId: c.gridId,
    lng: c.lng,
    lat: c.lat,
    address: c.address,
    rooms: c.rooms,
    videoAccess: c.videoAccess,
    cases,
  }
}
