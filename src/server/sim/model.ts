import {
  CATEGORIES,
  PRIORITIES,
  type CategoryId,
  type CityComponent,
  type Command,
  type ComponentKind,
  type Grid,
  type IncidentSource,
  type Principal,
  type Priority,
} from '@shared/domain'
import { pointInGrid, type GeneratedReference } from '../reference/generate'
import type { Rng } from '../reference/rng'
import { TITLES } from './titles'

const HOUR = 3_600_000

/**
 * Relative arrival rate by hour of day (China Standard Time), mean 1: quiet at
 * night, peaks mid-morning and mid-afternoon when grid workers patrol.
 */
const RHYTHM = [
  0.25, 0.18, 0.15, 0.15, 0.2, 0.35, 0.6, 1.0, 1.45, 1.7, 1.75, 1.55, 1.1, 1.2, 1.6, 1.75, 1.65, 1.4, 1.1, 0.9, 0.75,
  0.6, 0.45, 0.32,
]
const RHYTHM_MEAN = RHYTHM.reduce((a, b) => a + b, 0) / RHYTHM.length

export function rhythm(at: number): number {
  const hour = Math.floor(((at + 8 * HOUR) % (24 * HOUR)) / HOUR)
  return (RHYTHM[hour] ?? 1) / RHYTHM_MEAN
}
export const RHYTHM_PEAK = Math.max(...RHYTHM) / RHYTHM_MEAN

/** An RFC 4122 version-4 shaped id from the seeded generator (deterministic, unlike randomUUID). */
export function rngUuid(rng: Rng): string {
  const hex = (n: number): string => Array.from({ length: n }, () => Math.floor(rng.next() * 16).toString(16)).join('')
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[Math.floor(rng.next() * 4)]}${hex(3)}-${hex(12)}`
}

const SOURCE_WEIGHTS: readonly [IncidentSource, number][] = [
  ['patrol', 0.55],
  ['citizen_qr', 0.15],
  ['joint_patrol', 0.1],
  ['department', 0.1],
  ['hotline', 0.1],
]

/** Component kinds a category's QR scans come from. */
const QR_KINDS: Partial<Record<CategoryId, readonly ComponentKind[]>> = {
  city_components: ['streetlight', 'garbage_bin', 'manhole', 'hydrant'],
  environment_sanitation: ['garbage_bin'],
  rental_housing: ['rental_building'],
  fire_safety: ['rental_building', 'hydrant'],
  gas_safety: ['gas_station', 'rental_building'],
}

export function principalFor(
  role: Principal['role'],
  actorId: string,
  townId: string | '*',
  name = actorId,
): Principal {
  return { actorId, name, role, towns: townId === '*' ? '*' : [townId] }
}

export const SIM_OPERATOR = principalFor('operator', 'sim-operator', '*', '模拟值班员')
export const SIM_SUPERVISOR = principalFor('supervisor', 'sim-supervisor', '*', '模拟值班长')
export const SYSTEM = principalFor('system', 'system', '*', '系统')
export const CITIZEN = principalFor('citizen', 'open311', '*', '市民（扫码/Open311）')

/** Precomputed lookups the generators draw from. */
export class DistrictModel {
  readonly leavesByTown: Map<string, Grid[]>
  readonly townWeights: number[]
  readonly componentsByTownKind: Map<string, CityComponent[]>
  readonly gridById: Map<string, Grid>

  constructor(readonly ref: GeneratedReference) {
    this.leavesByTown = new Map()
    for (const g of ref.data.grids) {
      if (g.level === 'medium') continue
      const list = this.leavesByTown.get(g.townId) ?? []
      list.push(g)
      this.leavesByTown.set(g.townId, list)
    }
    this.townWeights = ref.data.towns.map((t) => t.population)
    this.gridById = new Map(ref.data.grids.map((g) => [g.id, g]))
    this.componentsByTownKind = new Map()
    for (const c of ref.components) {
      const key = `${c.townId}/${c.kind}`
      const list = this.componentsByTownKind.get(key) ?? []
      list.push(c)
      this.componentsByTownKind.set(key, list)
    }
  }

  /** A new report: category by the source's mix, town by population, a point in one of its grids. */
  report(rng: Rng, at: number): { command: Command; principal: Principal } {
    const category = CATEGORIES[rng.weighted(CATEGORIES.map((c) => c.share))]?.id ?? 'fire_safety'
    const town = this.ref.data.towns[rng.weighted(this.townWeights)] ?? this.ref.data.towns[0]
    if (!town) throw new Error('no towns')
    let source = SOURCE_WEIGHTS[rng.weighted(SOURCE_WEIGHTS.map((s) => s[1]))]?.[0] ?? 'patrol'
    let component: CityComponent | null = null
    const kinds = QR_KINDS[category]
    if (source === 'citizen_qr' || (kinds && rng.chance(0.3))) {
      const kind = kinds ? rng.pick(kinds) : null
      const pool = kind ? this.componentsByTownKind.get(`${town.id}/${kind}`) : undefined
      if (pool && pool.length > 0) component = rng.pick(pool)
      else if (source === 'citizen_qr') source = 'hotline'
    }
    const grid = component
      ? (this.gridById.get(component.gridId) as Grid)
      : rng.pick(this.leavesByTown.get(town.id) ?? [])
    const [lng, lat] = component ? [component.lng, component.lat] : pointInGrid(this.ref, grid.id, () => rng.next())
    const priority: Priority =
      category === 'fire_safety' || category === 'gas_safety' || category === 'public_security'
        ? ((['urgent', 'high', 'normal'] as const)[rng.weighted([0.08, 0.32, 0.6])] ?? 'normal')
        : (PRIORITIES[rng.weighted([0.03, 0.15, 0.7, 0.12])] ?? 'normal')
    const title = rng.pick(TITLES[category])
    const workerId = `w-${grid.id}-${rng.int(1, 2)}`
    const principal =
      source === 'citizen_qr'
        ? CITIZEN
        : source === 'department'
          ? principalFor(
              'department',
              `dept-${CATEGORIES.find((c) => c.id === category)?.defaultDepartment ?? 'urban_admin'}`,
              '*',
            )
          : source === 'hotline'
            ? SIM_OPERATOR
            : principalFor('field', workerId, town.id)
    return {
      principal,
      command: {
        commandId: rngUuid(rng),
        type: 'report',
        incidentId: rngUuid(rng),
        expectedVersion: null,
        issuedAt: at,
        payload: {
          title,
          description: `${grid.name}：${title}${component ? `（部件 ${component.qrCode}）` : ''}`,
          category,
          priority,
          source,
          townId: town.id,
          gridId: grid.id,
          componentId: component?.id ?? null,
          lat,
          lng,
          address: component?.address ?? `${town.name}${grid.name}`,
        },
      },
    }
  }

  /** Who handles a category: usually its department, for security and rental cases often a joint team. */
  assignee(rng: Rng, category: CategoryId, townId: string): { kind: 'department' | 'team'; id: string } {
    if ((category === 'public_security' || category === 'rental_housing') && rng.chance(0.5)) {
      const teams = this.ref.data.teams.filter((t) => t.townId === townId)
      if (teams.length > 0) return { kind: 'team', id: rng.pick(teams).id }
    }
    const dept = CATEGORIES.find((c) => c.id === category)?.defaultDepartment ?? 'urban_admin'
    return { kind: 'department', id: rng.chance(0.9) ? dept : rng.pick(this.ref.data.departments).id }
  }
}

export function handlerPrincipal(assignee: { kind: 'department' | 'team'; id: string }, townId: string): Principal {
  return assignee.kind === 'team'
    ? principalFor('field', assignee.id, townId)
    : { ...principalFor('department', `dept-${assignee.id}`, '*'), unit: assignee }
}
