import type { Incident, IncidentEvent, Principal } from '@shared/domain'

/** What one principal may read: everything, or the incidents of its towns and their events. */
export interface ReadScope {
  incident(incident: Incident): boolean
  event(event: IncidentEvent): boolean
}

/**
 * A principal scoped to towns reads only those towns' incidents; null for one that
 * reads the whole city. An event's town is its report's, or its incident's (a case
 * never changes town), looked up in the server's projection.
 */
export function readScope(principal: Principal, incidentOf: (id: string) => Incident | null): ReadScope | null {
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
