import type { CityComponent, Grid, ReferenceData, Team, Town, Worker } from './reference'

/** Where a component stands: what a report naming it must agree with. */
export type ComponentPlace = Pick<CityComponent, 'id' | 'townId' | 'gridId' | 'lat' | 'lng'>

/**
 * Reference data by id, for `decide` (server, workstation overlay and tests all
 * build it with `referenceLookup`, so they judge a report's place the same way).
 */
export interface ReferenceLookup {
  town(id: string): Town | null
  grid(id: string): Grid | null
  /** null: no such component; undefined: this side does not hold components (the workstation), not checked here. */
  component(id: string): ComponentPlace | null | undefined
  worker(id: string): Worker | null
  team(id: string): Team | null
  /** How far from its grid's centre a point of the grid may lie, km (see `reachOf`). */
  reachKm(gridId: string): number
}

/** Plain distance on the ground between two points, km (equirectangular: exact enough within a district). */
export function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const k = Math.cos((((a.lat + b.lat) / 2) * Math.PI) / 180)
  return Math.hypot((a.lng - b.lng) * k, a.lat - b.lat) * 111.195
}

/** A point of a grid lies at most ~1.6× the distance to the nearest sibling grid's centre from its own; 3× is slack. */
const REACH_FACTOR = 3
/** Never tighter than this: GPS and hand-placed pins are off by some hundred metres. */
const MIN_REACH_KM = 1

/**
 * A grid's reach from its centre, km. Polygons are not part of the reference
 * data, so the size of a grid is read from how far its nearest sibling's centre
 * is (same town, same tier: medium grids among mediums, leaves among leaves);
 * a town's only grid reaches as far as the town is wide.
 */
function reachOf(grids: readonly Grid[], towns: ReadonlyMap<string, Town>): Map<string, number> {
  const groups = new Map<string, Grid[]>()
  for (const g of grids) {
    const key = `${g.townId}/${g.level === 'medium' ? 'medium' : 'leaf'}`
    const list = groups.get(key)
    if (list) list.push(g)
    else groups.set(key, [g])
  }
  const reach = new Map<string, number>()
  for (const list of groups.values()) {
    for (const g of list) {
      let nearest = Number.POSITIVE_INFINITY
      for (const h of list) if (h !== g) nearest = Math.min(nearest, distanceKm(g, h))
      const town = towns.get(g.townId)
      const fallback = town ? 2 * Math.sqrt(town.areaKm2 / Math.PI) : MIN_REACH_KM * 10
      reach.set(g.id, Math.max(MIN_REACH_KM, Number.isFinite(nearest) ? REACH_FACTOR * nearest : fallback))
    }
  }
  return reach
}

export function referenceLookup(data: ReferenceData, components?: readonly ComponentPlace[]): ReferenceLookup {
  const towns = new Map(data.towns.map((t) => [t.id, t]))
  const grids = new Map(data.grids.map((g) => [g.id, g]))
  const workers = new Map(data.workers.map((w) => [w.id, w]))
  const teams = new Map(data.teams.map((t) => [t.id, t]))
  const parts = components ? new Map(components.map((c) => [c.id, c])) : null
  const reach = reachOf(data.grids, towns)
  return {
    town: (id) => towns.get(id) ?? null,
    grid: (id) => grids.get(id) ?? null,
    component: (id) => (parts ? (parts.get(id) ?? null) : undefined),
    worker: (id) => workers.get(id) ?? null,
    team: (id) => teams.get(id) ?? null,
    reachKm: (id) => reach.get(id) ?? MIN_REACH_KM,
  }
}

export interface Place {
  readonly townId: string
  readonly gridId: string
  readonly componentId: string | null
  readonly lat: number
  readonly lng: number
}

/**
 * Why a report's place is not one (null when it is): the town, grid and
 * component must exist, the grid must be the town's, the component must stand
 * in that grid, and the point must be near the grid.
 */
export function placeProblem(ref: ReferenceLookup, place: Place): string | null {
  if (!ref.town(place.townId)) return `no town ${place.townId}`
  const grid = ref.grid(place.gridId)
  if (!grid) return `no grid ${place.gridId}`
  if (grid.townId !== place.townId) return `grid ${grid.id} is not in town ${place.townId}`
  if (place.componentId !== null) {
    const component = ref.component(place.componentId)
    if (component === null) return `no component ${place.componentId}`
    if (component && (component.townId !== place.townId || component.gridId !== grid.id))
      return `component ${component.id} is not in grid ${grid.id}`
  }
  const away = distanceKm(place, grid)
  const reach = ref.reachKm(grid.id)
  if (away > reach)
    return `the point is ${away.toFixed(1)} km from grid ${grid.id}, beyond its ${reach.toFixed(1)} km reach`
  return null
}
