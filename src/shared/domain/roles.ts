/**
 * Who may act. `wall` is read-only; `system` is the server itself (automatic
 * escalation) and the simulator's bookkeeping; `department` stands for a handling
 * department or field team acknowledging and resolving work.
 */
export const ROLES = ['operator', 'supervisor', 'wall', 'field', 'department', 'citizen', 'system'] as const
export type Role = (typeof ROLES)[number]

/** Roles that run a command-room workstation. */
export const WORKSTATION_ROLES: readonly Role[] = ['operator', 'supervisor', 'wall']

/** Town scope of a principal: every town, or a list of town ids. */
export type TownScope = '*' | readonly string[]

export interface Principal {
  readonly actorId: string
  readonly name: string
  readonly role: Role
  readonly towns: TownScope
  /**
   * The department or field team this principal works for. A department may
   * only take up and resolve cases dispatched to it (巡办分离: the command room
   * decides who handles what).
   */
  readonly unit?: { readonly kind: 'department' | 'team'; readonly id: string }
}

export function inScope(scope: TownScope, townId: string): boolean {
  return scope === '*' || scope.includes(townId)
}
