import {
  CATEGORIES,
  citizenReportTitle,
  PRIORITIES,
  type CategoryId,
  type CityComponent,
  type Command,
  type ComponentKind,
  type Grid,
  type IncidentSource,
  type Principal,
  type Priority,
  type Team,
} from '@shared/domain'
import { pointInGrid, type GeneratedReference } from '../reference/generate'
import type { Rng } from '../reference/rng'
import { townShares } from './rates'
import { homeDepartment, MISROUTE_RATE, NEIGHBOURS, TEAM_CATEGORIES } from './routing'
import { TITLES } from './titles'

const HEX = Array.from({ length: 65536 }, (_, i) => i.toString(16).padStart(4, '0'))
const quad = (rng: Rng): string => HEX[Math.floor(rng.next() * 65536)] as string

/** An RFC 4122 version-4 shaped id from the seeded generator (deterministic, unlike randomUUID). */
export function rngUuid(rng: Rng): string {
  const variant = '89ab'[Math.floor(rng.next() * 4)] ?? '8'
  return (
    quad(rng) +
    quad(rng) +
    '-' +
    quad(rng) +
    '-4' +
    quad(rng).slice(1) +
    '-' +
    variant +
    quad(rng).slice(1) +
    '-' +
    quad(rng) +
    quad(rng) +
    quad(rng)
  )
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
  readonly teamsByTown: Map<string, Team[]>
  private readonly categoryWeights = CATEGORIES.map((c) => c.share)
  private readonly sourceWeights = SOURCE_WEIGHTS.map((s) => s[1])

  constructor(readonly ref: GeneratedReference) {
    this.leavesByTown = new Map()
    for (const g of ref.data.grids) {
      if (g.level === 'medium') continue
      const list = this.leavesByTown.get(g.townId) ?? []
      list.push(g)
      this.leavesByTown.set(g.townId, list)
    }
    const shares = townShares(ref)
    this.townWeights = ref.data.towns.map((t) => shares.get(t.id) ?? 0)
    this.gridById = new Map(ref.data.grids.map((g) => [g.id, g]))
    this.teamsByTown = new Map()
    for (const t of ref.data.teams) this.teamsByTown.set(t.townId, [...(this.teamsByTown.get(t.townId) ?? []), t])
    this.componentsByTownKind = new Map()
    for (const c of ref.components) {
      const key = `${c.townId}/${c.kind}`
      const list = this.componentsByTownKind.get(key) ?? []
      list.push(c)
      this.componentsByTownKind.set(key, list)
    }
  }

  /** A new report: category by the source's mix, town by its share (rates.ts), a point in one of its grids. */
  report(rng: Rng, at: number): { command: Command; principal: Principal } {
    const category = CATEGORIES[rng.weighted(this.categoryWeights)]?.id ?? 'fire_safety'
    const town = this.ref.data.towns[rng.weighted(this.townWeights)] ?? this.ref.data.towns[0]
    if (!town) throw new Error('no towns')
    let source = SOURCE_WEIGHTS[rng.weighted(this.sourceWeights)]?.[0] ?? 'patrol'
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
    const drawn: Priority =
      category === 'fire_safety' || category === 'gas_safety' || category === 'public_security'
        ? ((['urgent', 'high', 'normal'] as const)[rng.weighted([0.08, 0.32, 0.6])] ?? 'normal')
        : (PRIORITIES[rng.weighted([0.03, 0.15, 0.7, 0.12])] ?? 'normal')
    // A citizen sets only what Open311 defines: no priority (drawn anyway, so the run is as before),
    // and the title is the service's with the start of the description.
    const citizen = source === 'citizen_qr'
    const priority: Priority = citizen ? 'normal' : drawn
    const picked = rng.pick(TITLES[category])
    const description = `${grid.name}：${picked}${component ? `（部件 ${component.qrCode}）` : ''}`
    const title = citizen ? citizenReportTitle(category, description) : picked
    const workerId = `w-${grid.id}-${rng.int(1, 2)}`
    const principal =
      source === 'citizen_qr'
        ? CITIZEN
        : source === 'department'
          ? principalFor('department', `dept-${homeDepartment(category)}`, '*')
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
          description,
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

  /**
   * Who the command room sends a case to: its department, for security and rental cases as often
   * a joint team of the town; now and then a related department by mistake (see routing.ts).
   */
  assignee(rng: Rng, category: CategoryId, townId: string): { kind: 'department' | 'team'; id: string } {
    if (TEAM_CATEGORIES.includes(category) && rng.chance(0.5)) {
      const teams = this.teamsByTown.get(townId) ?? []
      if (teams.length > 0) return { kind: 'team', id: rng.pick(teams).id }
    }
    if (rng.chance(MISROUTE_RATE)) return { kind: 'department', id: rng.pick(NEIGHBOURS[category]) }
    return { kind: 'department', id: homeDepartment(category) }
  }
}

const handlers = new Map<string, Principal>()

/** The principal that acts for a department or team (one object per unit: steps reuse it). */
export function handlerPrincipal(assignee: { kind: 'department' | 'team'; id: string }, townId: string): Principal {
  const key = `${assignee.kind}/${assignee.id}/${townId}`
  let p = handlers.get(key)
  if (!p) {
    p =
      assignee.kind === 'team'
        ? { ...principalFor('field', assignee.id, townId), unit: { kind: assignee.kind, id: assignee.id } }
        : {
            ...principalFor('department', `dept-${assignee.id}`, '*'),
            unit: { kind: assignee.kind, id: assignee.id },
          }
    handlers.set(key, p)
  }
  return p
}
