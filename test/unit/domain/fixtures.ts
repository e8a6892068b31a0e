import { baseIncident } from '../../support/incident'
import type { Incident, IncidentEvent, Principal } from '@shared/domain'

export const HOUR = 3_600_000

/** An incident with plain defaults; tests override what they are about. */
export function incident(overrides: Partial<Incident> = {}): Incident {
  return baseIncident(overrides)
}

export const operator: Principal = { actorId: 'op', name: 'op', role: 'operator', towns: '*' }
export const henglanOperator: Principal = { actorId: 'op-hl', name: 'op', role: 'operator', towns: ['henglan'] }
export const supervisor: Principal = { actorId: 'sup', name: 'sup', role: 'supervisor', towns: '*' }
export const wall: Principal = { actorId: 'wall', name: 'wall', role: 'wall', towns: '*' }
export const department: Principal = {
  actorId: 'dept-fire',
  name: 'fire',
  role: 'department',
  towns: '*',
  unit: { kind: 'department', id: 'fire' },
}
export const field: Principal = { actorId: 'w1', name: 'w1', role: 'field', towns: ['henglan'] }

let seq = 0
/** An event as the server would append it (hashes irrelevant here). */
export function event<T extends IncidentEvent['type']>(
  type: T,
  version: number,
  serverTime: number,
  payload: Extract<IncidentEvent, { type: T }>['payload'],
  incidentId = 'i1',
): IncidentEvent {
  seq++
  return {
    seq,
    incidentId,
    type,
    payload,
    actorId: 'a',
    role: 'operator',
    workstationId: null,
    serverTime,
    issuedAt: null,
    commandId: null,
    version,
    prevHash: '',
    hash: '',
  } as IncidentEvent
}
