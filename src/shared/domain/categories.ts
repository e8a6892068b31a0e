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
  /**
   * Time the command room has to accept (or reject) a new report, minutes: the pending queue's limit.
   * The project's own figures (the source gives none): life-safety categories sooner.
   */
  readonly acceptMinutes: number
}

export const CATEGORIES = [
  {
    id: 'fire_safety',
    area: 'social_governance',
    baseHours: 48,
    share: 0.19,
    defaultDepartment: 'fire',
    acceptMinutes: 30,
  },
  {
    id: 'gas_safety',
    area: 'social_governance',
    baseHours: 24,
    share: 0.22,
    defaultDepartment: 'gas',
    acceptMinutes: 30,
  },
  {
    id: 'environment_sanitation',
    area: 'urban_management',
    baseHours: 24,
    share: 0.14,
    defaultDepartment: 'sanitation',
    acceptMinutes: 60,
  },
  {
    id: 'city_components',
    area: 'urban_management',
    baseHours: 72,
    share: 0.12,
    defaultDepartment: 'urban_admin',
    acceptMinutes: 60,
  },
  {
    id: 'public_security',
    area: 'social_governance',
    baseHours: 12,
    share: 0.07,
    defaultDepartment: 'police',
    acceptMinutes: 15,
  },
  {
    id: 'rental_housing',
    area: 'social_governance',
    baseHours: 72,
    share: 0.09,
    defaultDepartment: 'housing',
    acceptMinutes: 60,
  },
  {
    id: 'resident_services',
    area: 'government_services',
    baseHours: 120,
    share: 0.07,
    defaultDepartment: 'civil_affairs',
    acceptMinutes: 120,
  },
  {
    id: 'epidemic_control',
    area: 'government_services',
    baseHours: 24,
    share: 0.02,
    defaultDepartment: 'health',
    acceptMinutes: 30,
  },
  {
    id: 'water_pollution',
    area: 'urban_management',
    baseHours: 96,
    share: 0.03,
    defaultDepartment: 'ecology',
    acceptMinutes: 60,
  },
  {
    id: 'industrial_parks',
    area: 'industrial_economy',
    baseHours: 240,
    share: 0.02,
    defaultDepartment: 'industry',
    acceptMinutes: 120,
  },
  {
    id: 'enterprise_safety',
    area: 'industrial_economy',
    baseHours: 72,
    share: 0.03,
    defaultDepartment: 'emergency',
    acceptMinutes: 60,
  },
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

/** When a report must be accepted by (the pending queue's limit): its report time plus the category's minutes. */
export function acceptanceLimit(category: CategoryId, reportedAt: number): number {
  return reportedAt + categoryDef(category).acceptMinutes * 60_000
}
