import { handledBy, unitScopeOf, type Incident, type IncidentEvent, type Principal } from '@shared/domain'

/** What one principal may read: everything, or the incidents of its towns (or unit) and their events. */
export interface ReadScope {
  incident(incident: Incident): boolean
  event(event: IncidentEvent): boolean
  /**
   * Whether this event brings an incident into the scope that was never in it
   * (a case dispatched to a unit): the reader has none of its earlier events, so
   * the batch is withheld, the reader finds the gap and says hello, and is
   * answered with a reset (see `replayable`). Absent for town scopes (a case
   * never changes town).
   */
  entersScope?(event: IncidentEvent): boolean
  /** False when a replay from a cursor could miss the history of a case that entered the scope since. */
  readonly replayable: boolean
}

/**
 * A citizen reads only its own reports; a department's (or joint team's) staff
 * only the cases dispatched to their unit, now or before (see unit-scope.ts),
 * within their towns; a principal scoped to towns only those towns' incidents;
 * null for one that reads the whole city. An event's town (or reporter) is its
 * report's, or its incident's (neither ever changes), looked up in the server's
 * projection (which already holds the event).
 */
export function readScope(principal: Principal, incidentOf: (id: string) => Incident | null): ReadScope | null {
  if (principal.role === 'citizen') {
    const me = principal.actorId
    return {
      incident: (incident) => incident.reporterId === me,
      event: (event) => (event.type === 'report' ? event.actorId : incidentOf(event.incidentId)?.reporterId) === me,
      replayable: true,
    }
  }
  const towns: ReadonlySet<string> | null = principal.towns === '*' ? null : new Set(principal.towns)
  const unit = unitScopeOf(principal)
  if (unit) {
    const visible = (i: Incident | null): boolean => i !== null && (!towns || towns.has(i.townId)) && handledBy(i, unit)
    return {
      incident: visible,
      event: (event) => event.type !== 'report' && visible(incidentOf(event.incidentId)),
      entersScope: (event) => {
        const to =
          event.type === 'dispatch' || event.type === 'reassign' || event.type === 'decide_request'
            ? event.payload.assignee
            : undefined
        if (!to || to.kind !== unit.kind || to.id !== unit.id) return false
        const now = incidentOf(event.incidentId)
        // Back to a unit that had it before: it kept the case's history (and received every event since).
        return !now?.formerAssignees?.some((a) => a.kind === unit.kind && a.id === unit.id)
      },
      replayable: false,
    }
  }
  if (!towns) return null
  return {
    incident: (incident) => towns.has(incident.townId),
    event: (event) => {
      const town = event.type === 'report' ? event.payload.townId : incidentOf(event.incidentId)?.townId
      return town !== undefined && towns.has(town)
    },
    replayable: true,
  }
}
