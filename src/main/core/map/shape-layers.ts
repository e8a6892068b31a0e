import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Feature, FeatureCollection, Polygon } from 'geojson'
import type { MapShapes, ShapeProps } from '@shared/contract'

type ShapeCollection = FeatureCollection<Polygon, ShapeProps>
type Ring = [number, number][]

function isRing(v: unknown): v is Ring {
  return (
    Array.isArray(v) &&
    v.length >= 3 &&
    v.every((p) => Array.isArray(p) && p.length >= 2 && p.every((n) => typeof n === 'number' && Number.isFinite(n)))
  )
}

/**
 * Reads one of resources/geo's GeoJSON files (scripts/generate-geo.ts) into
 * polygons with their ids, town and parent; a feature that is not a polygon
 * with an id is skipped, never thrown. `townOf` names the town of a town file's
 * own features (their id).
 */
export function shapeCollection(raw: unknown, townIsId = false): ShapeCollection {
  const list = (raw as { features?: unknown } | null)?.features
  const features: Feature<Polygon, ShapeProps>[] = []
  if (!Array.isArray(list)) return { type: 'FeatureCollection', features }
  for (const item of list) {
    const f = item as {
      id?: unknown
      properties?: { id?: unknown; townId?: unknown; parentId?: unknown } | null
      geometry?: { type?: unknown; coordinates?: unknown } | null
    }
    const idValue = f.properties?.id ?? f.id
    const ring =
      f.geometry?.type === 'Polygon' && Array.isArray(f.geometry.coordinates) ? f.geometry.coordinates[0] : null
    if (typeof idValue !== 'string' || !isRing(ring)) continue
    const townId = townIsId ? idValue : typeof f.properties?.townId === 'string' ? f.properties.townId : ''
    const parentId = typeof f.properties?.parentId === 'string' ? f.properties.parentId : null
    features.push({
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [ring.map(([x, y]) => [x, y])] },
      properties: { id: idValue, townId, parentId },
    })
  }
  return { type: 'FeatureCollection', features }
}

function bboxOf(c: ShapeCollection): [number, number, number, number] {
  let w = Infinity
  let s = Infinity
  let e = -Infinity
  let n = -Infinity
  for (const f of c.features)
    for (const [x, y] of f.geometry.coordinates[0] ?? []) {
      if (x === undefined || y === undefined) continue
      w = Math.min(w, x)
      e = Math.max(e, x)
      s = Math.min(s, y)
      n = Math.max(n, y)
    }
  return Number.isFinite(w) ? [w, s, e, n] : [0, 0, 0, 0]
}

/** The base map shipped in resources/geo: towns, villages and communities, and the 1,740 grids. */
export async function loadShapes(resourcesDir: string): Promise<MapShapes | null> {
  const dir = path.join(resourcesDir, 'geo')
  const read = async (name: string): Promise<unknown> => {
    const file = path.join(dir, name)
    return existsSync(file) ? (JSON.parse(await readFile(file, 'utf8')) as unknown) : null
  }
  const [towns, mediums, grids] = await Promise.all([read('towns.json'), read('mediums.json'), read('grids.json')])
  if (!towns) return null
  const townShapes = shapeCollection(towns, true)
  return {
    towns: townShapes,
    mediums: shapeCollection(mediums),
    grids: shapeCollection(grids),
    bbox: bboxOf(townShapes),
  }
}

/** The extent of one shape, for flying to it. */
export function shapeBbox(f: Feature<Polygon, ShapeProps>): [number, number, number, number] {
  return bboxOf({ type: 'FeatureCollection', features: [f] })
}
