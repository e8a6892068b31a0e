import { categoryDef, type CategoryId } from '@shared/domain'

/**
 * Who a category may wrongly land with: a related department, never an
 * unrelated one (a gas leak goes to emergency management or market
 * regulation by mistake, not to culture and tourism). A misrouted case is
 * sent back (退单) and reassigned to its own department.
 */
export const NEIGHBOURS: Record<CategoryId, readonly string[]> = {
  fire_safety: ['emergency', 'housing'],
  gas_safety: ['emergency', 'market'],
  environment_sanitation: ['urban_admin', 'ecology'],
  city_components: ['power', 'transport'],
  public_security: ['housing', 'justice'],
  rental_housing: ['police', 'fire'],
  resident_services: ['human_resources', 'health'],
  epidemic_control: ['civil_affairs', 'market'],
  water_pollution: ['water', 'urban_admin'],
  industrial_parks: ['natural_resources', 'emergency'],
  enterprise_safety: ['market', 'fire'],
}

/** Share of dispatches that go to a neighbour first. */
export const MISROUTE_RATE = 0.04

/** The department that handles a category. */
export function homeDepartment(category: CategoryId): string {
  return categoryDef(category).defaultDepartment
}

/** Every department a case of this category may be dispatched to, rightly or by mistake. */
export function plausibleDepartments(category: CategoryId): readonly string[] {
  return [homeDepartment(category), ...NEIGHBOURS[category]]
}

/** Categories joint police + grid-worker teams (联勤搭档) take as often as their department does. */
export const TEAM_CATEGORIES: readonly CategoryId[] = ['public_security', 'rental_housing']
