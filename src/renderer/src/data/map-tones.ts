import type { PlaceLayer, PlaceLevel } from '@shared/contract'

/**
 * The fill tone of a town or grid (0 nothing open … 5 the busiest), by its open
 * cases as a share of the busiest shown at that level. `floor` keeps a quiet
 * map calm: with one case in the busiest grid, that grid is not an alarm.
 */
export function toneOf(open: number, max: number, floor: number): number {
  const top = Math.max(max, floor)
  if (open <= 0 || top <= 0) return 0
  const r = open / top
  return r > 0.8 ? 5 : r > 0.55 ? 4 : r > 0.3 ? 3 : r > 0.1 ? 2 : 1
}

/** Scale floors per level (a town with 10 open cases is not "the busiest" yet; a grid with 3 is not). */
export const TONE_FLOOR: Readonly<Record<PlaceLevel, number>> = { town: 10, medium: 5, grid: 3 }

/** Feature states for the towns' and grids' fills from the places layer's figures. */
export function placeTones(layer: PlaceLayer): {
  towns: Map<string, { tone: number }>
  grids: Map<string, { tone: number }>
} {
  const towns = new Map<string, { tone: number }>()
  const grids = new Map<string, { tone: number }>()
  for (const f of layer.data.features) {
    const p = f.properties
    if (p.level === 'medium') continue
    const tone = toneOf(p.open, layer.maxOpen[p.level], TONE_FLOOR[p.level])
    ;(p.level === 'town' ? towns : grids).set(p.id, { tone })
  }
  return { towns, grids }
}
