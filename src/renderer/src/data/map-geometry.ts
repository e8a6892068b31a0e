import type { GeoShape, MapGeometry, PlaceFigures } from '@shared/contract'

/**
 * The schematic map's drawing maths, pure: a local equirectangular projection
 * (longitude shrunk by cos(latitude), fine at district scale), fitted to a
 * box, and the colour scale. No tiles, nothing fetched.
 */
export interface Projection {
  readonly width: number
  readonly height: number
  project(lng: number, lat: number): [number, number]
}

export function bounds(
  shapes: readonly GeoShape[],
): { minLng: number; minLat: number; maxLng: number; maxLat: number } | null {
  let minLng = Infinity
  let minLat = Infinity
  let maxLng = -Infinity
  let maxLat = -Infinity
  for (const s of shapes)
    for (const [lng, lat] of s.ring) {
      minLng = Math.min(minLng, lng)
      maxLng = Math.max(maxLng, lng)
      minLat = Math.min(minLat, lat)
      maxLat = Math.max(maxLat, lat)
    }
  return Number.isFinite(minLng) ? { minLng, minLat, maxLng, maxLat } : null
}

/** Fits the shapes into a `width`-wide box, keeping their proportions; the height follows. */
export function fit(shapes: readonly GeoShape[], width: number, pad = 0.03): Projection | null {
  const b = bounds(shapes)
  if (!b) return null
  const k = Math.cos((((b.minLat + b.maxLat) / 2) * Math.PI) / 180)
  const spanX = Math.max(1e-9, (b.maxLng - b.minLng) * k)
  const spanY = Math.max(1e-9, b.maxLat - b.minLat)
  const inner = width * (1 - 2 * pad)
  const scale = inner / spanX
  const height = spanY * scale + width * 2 * pad
  const off = width * pad
  return {
    width,
    height,
    project: (lng, lat) => [off + (lng - b.minLng) * k * scale, off + (b.maxLat - lat) * scale],
  }
}

export function pathOf(shape: GeoShape, p: Projection): string {
  return (
    shape.ring
      .map(([lng, lat], i) => {
        const [x, y] = p.project(lng, lat)
        return `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`
      })
      .join('') + 'Z'
  )
}

/** Area centroid of the ring in projected coordinates (where a label goes). */
export function labelPoint(shape: GeoShape, p: Projection): [number, number] {
  const pts = shape.ring.map(([lng, lat]) => p.project(lng, lat))
  let a = 0
  let cx = 0
  let cy = 0
  for (let i = 0; i < pts.length - 1; i++) {
    const [x0, y0] = pts[i] as [number, number]
    const [x1, y1] = pts[i + 1] as [number, number]
    const f = x0 * y1 - x1 * y0
    a += f
    cx += (x0 + x1) * f
    cy += (y0 + y1) * f
  }
  if (Math.abs(a) < 1e-9) {
    const n = pts.length || 1
    return [pts.reduce((s, q) => s + q[0], 0) / n, pts.reduce((s, q) => s + q[1], 0) / n]
  }
  return [cx / (3 * a), cy / (3 * a)]
}

export type ColorBy = 'open' | 'overdue'

/** Five steps from calm blue to alarm red, by the figure's share of the largest one shown. */
export const SCALE = ['#16325c', '#1f5a8f', '#3a86c8', '#f0a93b', '#ff5d5d'] as const

/**
 * `floor` keeps a quiet map calm: with one case in the busiest grid, that grid
 * is not painted as an alarm (the scale tops out at max(largest shown, floor)).
 */
export function colorFor(value: number, max: number, floor = 1): string {
  const top = Math.max(max, floor)
  if (value <= 0 || top <= 0) return '#132440'
  const r = value / top
  const i = r > 0.8 ? 4 : r > 0.55 ? 3 : r > 0.3 ? 2 : r > 0.1 ? 1 : 0
  return SCALE[i] as string
}

export function figureOf(f: PlaceFigures | undefined, by: ColorBy): number {
  return f ? f[by] : 0
}

/**
 * A town's map: its leaf grids (the units that tile it, coloured and counted) and its villages'
 * and communities' outlines drawn over them (never units of their own, so nothing counts twice).
 */
export function townShapes(
  geometry: MapGeometry,
  grids: readonly { id: string; townId: string }[],
  townId: string,
): { shapes: GeoShape[]; outlines: GeoShape[] } {
  const inTown = new Set(grids.filter((g) => g.townId === townId).map((g) => g.id))
  return {
    shapes: geometry.grids.filter((s) => inTown.has(s.id)),
    outlines: (geometry.mediums ?? []).filter((s) => inTown.has(s.id)),
  }
}
