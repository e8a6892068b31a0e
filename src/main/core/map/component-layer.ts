import type { SqlExecutor } from '@infra/sqlite'
import type { Feature, Point } from 'geojson'
import type { ComponentCard, ComponentLayer, ComponentProps, IncidentView } from '@shared/contract'
import { INCIDENT_SELECT, incidentFromRow } from '../store/incident-rows'
import type { ComponentCache } from './component-cache'

/** Every cached component and rental building as a point (the style shows them at close zoom). */
export function buildComponentLayer(cache: ComponentCache): ComponentLayer {
  const features: Feature<Point, ComponentProps>[] = cache.all().map((c) => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [c.lng, c.lat] },
    properties: { id: c.id, kind: c.kind, qr: c.qrCode, rooms: c.rooms ?? 0, video: c.videoAccess ? 1 : 0 },
  }))
  return { data: { type: 'FeatureCollection', features }, version: cache.version }
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
