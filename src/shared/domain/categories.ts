/**
 * Incident categories seen in the source (see ../shared/BRIEF.md) and the four
 * areas of the situation wall (一图统管、一屏感知). Deadlines are in hours for a
 * normal-priority case; priority scales them (see deadlines.ts).
 */
export const AREAS = ['industrial_economy', 'social_governance', 'government_services', 'urban_management'] as const
export type AreaId = (typeof AREAS)[number]

export interface CategoryDef {
  readonly id: string
  readonly area: AreaId
  /** Default handling time for a normal-priority case, hours. */
  readonly baseHours: number
  /**
   * Share of arrivals in the simulator's category mix (sums to 1). Gas runs ahead of fire as in
   * the source (Dongfeng 2021: 25,102 gas and 21,815 fire non-compliances found, 1.15 to 1).
   */
  readonly share: number
  /** Department that usually handles it (a key of DEPARTMENTS in reference data). */
  readonly defaultDepartment: string
}

export const CATEGORIES = [
  { id: 'fire_safety', area: 'social_governance', baseHours: 48, share: 0.19, defaultDepartment: 'fire' },
  { id: 'gas_safety', area: 'social_governance', baseHours: 24, share: 0.22, defaultDepartment: 'gas' },
  {
    id: 'environment_sanitation',
    area: 'urban_management',
    baseHours: 24,
    share: 0.14,
    defaultDepartment: 'sanitation',
  },
  { id: 'city_components', area: 'urban_management', baseHours: 72, share: 0.12, defaultDepartment: 'urban_admin' },
  { id: 'public_security', area: 'social_governance', baseHours: 12, share: 0.07, defaultDepartment: 'police' },
  { id: 'rental_housing', area: 'social_governance', baseHours: 72, share: 0.09, defaultDepartment: 'housing' },
  {
    id: 'resident_services',
    area: 'government_services',
    baseHours: 120,
    share: 0.07,
    defaultDepartment: 'civil_affairs',
  },
  { id: 'epidemic_control', area: 'government_services', baseHours: 24, share: 0.02, defaultDepartment: 'health' },
  { id: 'water_pollution', area: 'urban_management', baseHours: 96, share: 0.03, defaultDepartment: 'ecology' },
  { id: 'industrial_parks', area: 'industrial_economy', baseHours: 240, share: 0.02, defaultDepartment: 'industry' },
  { id: 'enterprise_safety', area: 'industrial_economy', baseHours: 72, share: 0.03, defaultDepartment: 'emergency' },
] as const satisfies readonly CategoryDef[]

export type CategoryId = (typeof CATEGORIES)[number]['id']
export const CATEGORY_IDS = CATEGORIES.map((c) => c.id) as unknown as readonly [CategoryId, ...CategoryId[]]

const byId = new Map<string, CategoryDef>(CATEGORIES.map((c) => [c.id, c]))
export function categoryDef(id: CategoryId): CategoryDef {
  const def = byId.get(id)
  if (!def) throw new Error(`unknown category ${id}`)
  return def
}
export function areaOf(id: CategoryId): AreaId {
  return categoryDef(id).area
}

/** Categories whose rectification rate is a headline figure (消防、燃气整改率). */
export const RECTIFICATION_CATEGORIES = ['fire_safety', 'gas_safety'] as const satisfies readonly CategoryId[]

export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const
export type Priority = (typeof PRIORITIES)[number]

export const SOURCES = ['patrol', 'citizen_qr', 'joint_patrol', 'department', 'hotline', 'citizen_app'] as const
export type IncidentSource = (typeof SOURCES)[number]

/**
 * A citizen's own reports, and only theirs: a QR code scanned on a component, or
 * an Open311 app without one. Open311 shows the public only cases from these.
 */
export const CITIZEN_SOURCES = ['citizen_qr', 'citizen_app'] as const satisfies readonly IncidentSource[]
export function isCitizenSource(source: IncidentSource): boolean {
  return (CITIZEN_SOURCES as readonly IncidentSource[]).includes(source)
}
