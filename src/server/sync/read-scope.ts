import type { Incident, IncidentEvent, Principal } from '@shared/domain'

/** What one principal may read: everything, or the incidents of its towns and their events. */
export interface ReadScope {
  incident(incident: Incident): boolean
  event(event: IncidentEvent): boolean
}

/**
 * A citizen reads only its own reports; a principal scoped to towns only those
 * towns' incidents; null for one that reads the whole city. An event's town (or
 * reporter) is its report's, or its incident's (neither ever changes), looked up
 * in the server's projection.
 */
export function readScope(principal: Principal, incidentOf: (id: string) => Incident | null): ReadScope | null {
  if (principal.role === 'citizen') {
    const me = principal.actorId
    return {
      incident: (incident) => incident.reporterId === me,
      event: (event) => (event.type === 'report' ? event.actorId : incidentOf(event.incidentId)?.reporterId) === me,
    }
  }
  if (principal.towns === '*') return null
  const towns: ReadonlySet<string> = new Set(principal.towns)
  return {
    incident: (incident) => towns.has(incident.townId),
    event: (event) => {
      const town = event.type === 'report' ? event.payload.townId : incidentOf(event.incidentId)?.townId
      return town !== undefined && towns.has(town)
    },
  }
}
