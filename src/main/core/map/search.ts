import type { SqlExecutor } from '@infra/sqlite'
import type { MapShapes, SearchHit } from '@shared/contract'
import type { ReferenceData } from '@shared/domain'
import type { ComponentCache } from './component-cache'
import { shapeBbox } from './shape-layers'

type Bbox = [number, number, number, number]

/** Extent of every town, village/community and grid, by id (searched areas are fitted to it). */
export function extents(shapes: MapShapes | null): Map<string, Bbox> {
  const out = new Map<string, Bbox>()
  if (!shapes) return out
  for (const c of [shapes.towns, shapes.mediums, shapes.grids])
    for (const f of c.features) out.set(f.properties.id, shapeBbox(f))
  return out
}

/** LIKE with the user's text taken literally. */
const like = (q: string) => `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`

/**
 * The map's search box: a case by its code, a component by its QR id, a town,
 * a village or community, a grid by name, or an address (of a component or a
 * case). Exact matches first, then the rest in that order, at most `limit`.
 */
export async function searchMap(
  db: SqlExecutor,
  ref: ReferenceData | null,
  components: ComponentCache,
  areas: ReadonlyMap<string, Bbox>,
  query: string,
  limit: number,
): Promise<SearchHit[]> {
  const q = query.trim()
  const upper = q.toUpperCase()
  const lower = q.toLowerCase()
  const exact: SearchHit[] = []
  const rest: SearchHit[] = []
  const push = (hit: SearchHit, isExact: boolean) => (isExact ? exact : rest).push(hit)
  const townName = new Map((ref?.towns ?? []).map((t) => [t.id, t.name]))
  const gridName = new Map((ref?.grids ?? []).map((g) => [g.id, g.name]))

  // Cases by code (ZS-YYMMDD-NNNNNN; a prefix or the digits at its end will do).
  if (/^[A-Z0-9-]{3,}$/.test(upper)) {
    const rows = await db.all(
      `SELECT id, code, title, town_id AS town, lng, lat FROM incidents WHERE code LIKE ? ESCAPE '\\' ORDER BY code = ? DESC, reported_at DESC LIMIT ?`,
      [like(upper), upper, limit],
    )
    for (const r of rows)
      push(
        {
          kind: 'case',
          id: String(r.id),
          label: String(r.code),
          detail: `${String(r.title)} · ${townName.get(String(r.town)) ?? ''}`,
          lng: Number(r.lng),
          lat: Number(r.lat),
          bbox: null,
        },
        String(r.code) === upper,
      )
  }
  // Components by QR id.
  const qr = components.byQrCode(upper)
  if (qr)
    push(
      { kind: 'component', id: qr.id, label: qr.qrCode, detail: qr.address, lng: qr.lng, lat: qr.lat, bbox: null },
      true,
    )
  if (upper.length >= 4) {
    for (const c of components.all()) {
      if (rest.length + exact.length >= limit * 2) break
      if (c !== qr && c.qrCode.includes(upper))
        push(
          { kind: 'component', id: c.id, label: c.qrCode, detail: c.address, lng: c.lng, lat: c.lat, bbox: null },
          false,
        )
    }
  }
  // Towns, villages and communities, grids by name.
  for (const t of ref?.towns ?? [])
    if (t.name.includes(q) || t.nameEn.toLowerCase().includes(lower))
      push(
        {
          kind: 'town',
          id: t.id,
          label: t.name,
          detail: t.nameEn,
          lng: t.lng,
          lat: t.lat,
          bbox: areas.get(t.id) ?? null,
        },
        t.name === q || t.nameEn.toLowerCase() === lower,
      )
  for (const g of ref?.grids ?? [])
    if (g.name.includes(q))
      push(
        {
          kind: g.level === 'medium' ? 'medium' : 'grid',
          id: g.id,
          label: g.name,
          detail: [townName.get(g.townId), g.parentId ? gridName.get(g.parentId) : null].filter(Boolean).join(' · '),
          lng: g.lng,
          lat: g.lat,
          bbox: areas.get(g.id) ?? null,
        },
        g.name === q,
      )
  // Addresses: of components, then of cases.
  if (q.length >= 2 && exact.length + rest.length < limit) {
    for (const c of components.all()) {
      if (exact.length + rest.length >= limit) break
      if (c.address.includes(q))
        push(
          { kind: 'address', id: c.id, label: c.address, detail: c.qrCode, lng: c.lng, lat: c.lat, bbox: null },
          c.address === q,
        )
    }
    const rows = await db.all(
      `SELECT id, code, address, lng, lat FROM incidents WHERE address LIKE ? ESCAPE '\\' ORDER BY reported_at DESC LIMIT ?`,
      [like(q), limit],
    )
    for (const r of rows)
      push(
        {
          kind: 'address',
          id: String(r.id),
          label: String(r.address),
          detail: String(r.code),
          lng: Number(r.lng),
          lat: Number(r.lat),
          bbox: null,
        },
        String(r.address) === q,
      )
  }
  return [...exact, ...rest].slice(0, limit)
}
