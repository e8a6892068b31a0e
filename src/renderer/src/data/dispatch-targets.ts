import type { Locale } from '@shared/contract'
import { categoryDef, distanceKm, type CategoryId, type ReferenceData } from '@shared/domain'
import type { Target } from '../lib/target-search'

/** What the target list needs to know of the case. */
export interface CaseForTargets {
  readonly category: CategoryId
  readonly townId: string
  readonly lat: number
  readonly lng: number
}

export interface DispatchTargets {
  /** Recommended first, then every other department, then the case's town's joint teams, nearest first. */
  readonly list: readonly Target[]
  /** The unit preselected: the category's routing department (null when the reference data lacks it). */
  readonly recommended: Target | null
}

/**
 * The units a case may be dispatched to, in the order the picker offers them. The
 * recommendation is the category's routing (categories.ts); the joint teams of the
 * case's town follow, nearest first: the distance from the case to the centre of
 * the grid its team's grid worker walks (the shipped reference geometry).
 */
export function dispatchTargets(
  incident: CaseForTargets,
  ref: ReferenceData | null | undefined,
  locale: Locale,
  kmLabel: (km: number) => string,
): DispatchTargets {
  if (!ref) return { list: [], recommended: null }
  const en = locale === 'en'
  const routed = categoryDef(incident.category).defaultDepartment
  const departments: Target[] = ref.departments.map((d) => ({
    kind: 'department',
    id: d.id,
    name: en ? d.nameEn : d.name,
  }))
  const recommended = departments.find((d) => d.id === routed) ?? null
  const gridOf = new Map(ref.grids.map((g) => [g.id, g]))
  const workerGrid = new Map(ref.workers.map((w) => [w.id, gridOf.get(w.gridId)]))
  const teams = ref.teams
    .filter((tm) => tm.townId === incident.townId)
    .map((tm) => {
      const grid = workerGrid.get(tm.gridWorkerId)
      const km = grid ? distanceKm(incident, grid) : Infinity
      return { target: { kind: 'team' as const, id: tm.id, name: tm.name }, km }
    })
    .sort((a, b) => a.km - b.km || a.target.name.localeCompare(b.target.name))
    .map(({ target, km }) => (Number.isFinite(km) ? { ...target, note: kmLabel(km) } : target))
  const list = [...(recommended ? [recommended] : []), ...departments.filter((d) => d !== recommended), ...teams]
  return { list, recommended }
}
