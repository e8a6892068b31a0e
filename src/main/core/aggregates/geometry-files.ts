import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { GeoShape, MapGeometry } from '@shared/contract'

type Ring = [number, number][]

export function isRing(v: unknown): v is Ring {
  return (
    Array.isArray(v) &&
    v.length >= 3 &&
    v.every((p) => Array.isArray(p) && p.length >= 2 && p.every((n) => typeof n === 'number'))
  )
}

/**
 * Reads shapes from a file in either form the server may write: a list of
 * `{ id, ring }`, or a GeoJSON FeatureCollection of Polygons with `properties.id`
 * (or the feature's own id). Anything else is skipped, never thrown.
 */
export function parseShapes(raw: unknown): GeoShape[] {
  const out: GeoShape[] = []
  const push = (id: unknown, ring: unknown) => {
    if ((typeof id === 'string' || typeof id === 'number') && isRing(ring))
      out.push({ id: String(id), ring: ring.map(([x, y]) => [x, y] as const) })
  }
  const list = Array.isArray(raw) ? raw : (raw as { features?: unknown } | null)?.features
  if (!Array.isArray(list)) {
    // { towns: [...] } style containers are handled by the caller.
    return out
  }
  for (const item of list) {
    if (typeof item !== 'object' || item === null) continue
    const f = item as {
      id?: unknown
      ring?: unknown
      properties?: { id?: unknown } | null
      geometry?: { type?: unknown; coordinates?: unknown } | null
    }
    if (f.ring !== undefined) push(f.id, f.ring)
    else if (f.geometry?.type === 'Polygon' && Array.isArray(f.geometry.coordinates))
      push(f.properties?.id ?? f.id, f.geometry.coordinates[0])
    else if (f.geometry?.type === 'MultiPolygon' && Array.isArray(f.geometry.coordinates)) {
      const first = (f.geometry.coordinates as unknown[][])[0]
      push(f.properties?.id ?? f.id, Array.isArray(first) ? first[0] : undefined)
    }
  }
  return out
}

async function readJson(file: string): Promise<unknown> {
  return JSON.parse(await readFile(file, 'utf8')) as unknown
}

/**
 * The map shipped in resources/geo (no tile server): towns, grids and the medium
 * grids' outlines. Accepts `towns.json` + `grids.json` (+ `mediums.json`), or one
 * file with `{ towns, grids, mediums }`.
 */
export async function loadGeometry(resourcesDir: string): Promise<MapGeometry | null> {
  const dir = path.join(resourcesDir, 'geo')
  if (!existsSync(dir)) return null
  const townsFile = ['towns.json', 'towns.geojson'].map((f) => path.join(dir, f)).find(existsSync)
  const gridsFile = ['grids.json', 'grids.geojson'].map((f) => path.join(dir, f)).find(existsSync)
  const mediumsFile = ['mediums.json', 'mediums.geojson'].map((f) => path.join(dir, f)).find(existsSync)
  if (townsFile) {
    return {
      towns: parseShapes(await readJson(townsFile)),
      grids: gridsFile ? parseShapes(await readJson(gridsFile)) : [],
      mediums: mediumsFile ? parseShapes(await readJson(mediumsFile)) : [],
    }
  }
  for (const name of ['district.json', 'map.json', 'geometry.json']) {
    const file = path.join(dir, name)
    if (!existsSync(file)) continue
    const raw = (await readJson(file)) as { towns?: unknown; grids?: unknown; mediums?: unknown }
    return { towns: parseShapes(raw.towns), grids: parseShapes(raw.grids), mediums: parseShapes(raw.mediums) }
  }
  return null
}
