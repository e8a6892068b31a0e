import type { Incident } from './incident'
import type { Principal } from './roles'

type Unit = NonNullable<Principal['unit']>

/**
 * The unit a principal reads and acts for, when it is scoped to one: a
 * department's (or joint team's) staff see only cases dispatched to their unit.
 * Grid workers (field) are scoped by town, not by unit.
 */
export function unitScopeOf(who: Principal): Unit | null {
  return who.role === 'department' && who.unit ? who.unit : null
}

/**
 * Whether a case is, or was, dispatched to the unit. A case the unit sent back
 * or was reassigned away from stays readable to it (its history is the unit's
 * too), but only its current cases are its work.
 */
export function handledBy(incident: Incident, unit: Unit): boolean {
  if (incident.assigneeKind === unit.kind && incident.assigneeId === unit.id) return true
  return incident.formerAssignees?.some((a) => a.kind === unit.kind && a.id === unit.id) ?? false
}

/** Whether the case is the unit's work now (dispatched to it). */
export function assignedToUnit(incident: Incident, unit: Unit): boolean {
  return incident.assigneeKind === unit.kind && incident.assigneeId === unit.id
}
