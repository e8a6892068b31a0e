import type { CityComponent, ComponentKind, Grid, ReferenceData, Team, Town, Worker } from '@shared/domain'
import { DEPARTMENTS } from './departments'
import { centroid, contains, partition, partitionByArea, randomPointIn, type Point, type Polygon } from './geometry'
import { personName, streetAddress, villageName } from './names'
import { createRng, hashSeed, type Rng } from './rng'
import { CITY_GRID_WORKERS, CITY_GRIDS, CITY_OUTLINE, TOWN_SEEDS, type TownSeed } from './towns'

/** Bump when the generator's output changes, so workstations refetch. */
const GENERATOR_VERSION = 1
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

function ring(poly: Polygon): [number, number][] {
  const pts = poly.map(toLngLat)
  const first = pts[0]
  if (first) pts.push([first[0], first[1]])
  return pts
}

function leafCounts(): Map<string, number> {
  const fixed = TOWN_SEEDS.filter((t) => t.small !== undefined || t.allSubject !== undefined)
  const rest = TOWN_SEEDS.filter((t) => t.small === undefined && t.allSubject === undefined)
  const fixedTotal = fixed.reduce((s, t) => s + (t.small ?? t.allSubject ?? 0), 0)
  const shares = apportion(
    CITY_GRIDS - fixedTotal,
    rest.map((t) => Math.pow(t.population, 0.75) * Math.pow(t.areaKm2, 0.25)),
  )
  const counts = new Map<string, number>()
  for (const t of fixed) counts.set(t.id, t.small ?? t.allSubject ?? 0)
  rest.forEach((t, i) => counts.set(t.id, shares[i] ?? 0))
  return counts
}

interface TownBuild {
  readonly seed: TownSeed
  readonly town: Town
  readonly plane: Polygon
  readonly mediums: { grid: Grid; plane: Polygon }[]
  readonly leaves: { grid: Grid; plane: Polygon; village: string }[]
}

function buildTown(seed: TownSeed, plane: Polygon, leafCount: number, rng: Rng): TownBuild {
  const [cx, cy] = toLngLat(centroid(plane))
  const town: Town = {
    id: seed.id,
    name: seed.name,
    nameEn: seed.nameEn,
    kind: seed.kind,
    areaKm2: seed.areaKm2,
    population: seed.population,
    lat: cy,
    lng: cx,
  }
  const random = () => rng.next()
  const mediums: TownBuild['mediums'] = []
  const leaves: TownBuild['leaves'] = []
  if (seed.allSubject !== undefined) {
    // 全科网格: one flat level of all-subject grids.
    partition(plane, leafCount, random).forEach((cell, i) => {
      const [lng, lat] = toLngLat(centroid(cell))
      const n = String(i + 1).padStart(3, '0')
      leaves.push({
        grid: {
          id: `${seed.id}-g${n}`,
          townId: seed.id,
          parentId: null,
          level: 'all_subject',
          name: `${seed.name}第${i + 1}全科网格`,
          lat,
          lng,
        },
        plane: cell,
        village: `第${i + 1}网格`,
      })
    })
    return { seed, town, plane, mediums, leaves }
  }
  const mediumCount = seed.medium ?? Math.max(4, Math.round(leafCount / 6))
  const used = new Set<string>()
  const perMedium = apportion(
    leafCount,
    Array.from({ length: mediumCount }, () => 1),
  )
  partition(plane, mediumCount, random).forEach((cell, m) => {
    const name = seed.villages?.[m] ?? villageName(rng, used)
    const [lng, lat] = toLngLat(centroid(cell))
    const mediumId = `${seed.id}-m${String(m + 1).padStart(2, '0')}`
    mediums.push({
      grid: { id: mediumId, townId: seed.id, parentId: null, level: 'medium', name, lat, lng },
      plane: cell,
    })
    partition(cell, perMedium[m] ?? 1, random, 3).forEach((small, s) => {
      const [slng, slat] = toLngLat(centroid(small))
      leaves.push({
        grid: {
          id: `${mediumId}-s${String(s + 1).padStart(2, '0')}`,
          townId: seed.id,
          parentId: mediumId,
          level: 'small',
          name: `${name}第${s + 1}网格`,
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

/** Component counts: Henglan's rental buildings and Dongfeng's 12,000+ coded components follow the source. */
function componentPlan(townId: string): Record<ComponentKind, number> {
  if (townId === 'henglan')
    return { rental_building: 3068, streetlight: 900, garbage_bin: 700, manhole: 200, hydrant: 120, gas_station: 12 }
  if (townId === 'dongfeng')
    return { rental_building: 6100, streetlight: 3400, garbage_bin: 2200, manhole: 250, hydrant: 140, gas_station: 15 }
  return { rental_building: 60, streetlight: 60, garbage_bin: 50, manhole: 15, hydrant: 10, gas_station: 3 }
}

/** Henglan: 3,068 rental buildings, 110,000 rooms, 1,919 large (15+ rooms), all large ones with video access. */
function henglanRooms(rng: Rng): number[] {
  const large = 1919
  const small = 3068 - large
  const smallRooms = Array.from({ length: small }, () => rng.int(4, 14))
  const target = 110_000 - smallRooms.reduce((a, b) => a + b, 0)
  const raw = Array.from({ length: large }, () => rng.exp(38))
  const factor = (target - 15 * large) / raw.reduce((a, b) => a + b, 0)
  const largeRooms = raw.map((r) => 15 + Math.round(r * factor))
  let diff = target - largeRooms.reduce((a, b) => a + b, 0)
  for (let i = 0; diff !== 0; i = (i + 1) % large) {
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
  const plan = componentPlan(t.town.id)
  const rooms = t.town.id === 'henglan' ? henglanRooms(rng.fork('rooms')) : null
  for (const kind of Object.keys(plan) as ComponentKind[]) {
    for (let i = 0; i < plan[kind]; i++) {
      const leaf = rng.pick(t.leaves)
      const [lng, lat] = toLngLat(randomPointIn(leaf.plane, () => rng.next()))
      const n = String(i + 1).padStart(5, '0')
      let roomCount: number | null = null
      let video: boolean | null = null
      if (kind === 'rental_building') {
        roomCount = rooms ? (rooms[i] ?? 10) : rng.chance(0.55) ? rng.int(15, 80) : rng.int(4, 14)
        video = roomCount >= 15 ? (rooms ? true : rng.chance(0.85)) : rng.chance(0.4)
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

function build(seed: string): GeneratedReference {
  const rng = createRng(seed)
  const outline = CITY_OUTLINE.map(toPlane)
  const townCells = partitionByArea(
    outline,
    TOWN_SEEDS.map((t) => toPlane([t.lng, t.lat])),
    TOWN_SEEDS.map((t) => t.areaKm2),
  )
  const leafs = leafCounts()
  const towns = TOWN_SEEDS.map((s, i) =>
    buildTown(s, townCells[i] ?? [], leafs.get(s.id) ?? 1, rng.fork(`town/${s.id}`)),
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

  // Joint police + grid-worker pairs (联勤搭档): one per village/community; in all-subject towns one per ~6 grids.
  const trng = rng.fork('teams')
  const teams: Team[] = []
  for (const t of towns) {
    const areas = t.mediums.length > 0 ? t.mediums.map((m) => ({ name: m.grid.name, gridId: m.grid.id })) : []
    if (areas.length === 0) {
      for (let i = 0; i < t.leaves.length; i += 6) {
        const leaf = t.leaves[i]
        if (leaf) areas.push({ name: `${t.town.name}第${teams.length + 1}片区`, gridId: leaf.grid.id })
      }
    }
    areas.forEach((a, i) => {
      const worker = workers.find((w) => w.gridId.startsWith(a.gridId)) ?? workers.find((w) => w.townId === t.town.id)
      teams.push({
        id: `team-${t.town.id}-${String(i + 1).padStart(2, '0')}`,
        townId: t.town.id,
        name: `${a.name}联勤搭档`,
        officer: personName(trng),
        gridWorkerId: worker?.id ?? '',
      })
    })
  }

  const crng = rng.fork('components')
  const components = towns.flatMap((t) => buildComponents(t, crng.fork(t.town.id)))
  const grids: Grid[] = towns.flatMap((t) => [...t.mediums.map((m) => m.grid), ...t.leaves.map((l) => l.grid)])
  return {
    data: {
      version: `ref-${GENERATOR_VERSION}-${hashSeed(seed).toString(16)}`,
      towns: towns.map((t) => t.town),
      grids,
      departments: DEPARTMENTS,
      teams,
      workers,
    },
    components,
    townShapes: towns.map((t) => ({ id: t.town.id, ring: ring(t.plane) })),
    gridShapes: towns.flatMap((t) => [
      ...t.mediums.map((m) => ({ id: m.grid.id, ring: ring(m.plane) })),
      ...t.leaves.map((l) => ({ id: l.grid.id, ring: ring(l.plane) })),
    ]),
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
