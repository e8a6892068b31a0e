import type { Incident, IncidentEvent, Role } from '@shared/domain'
import type { events, incidents } from '../db/schema'

export type EventRow = typeof events.$inferSelect
export type IncidentRow = typeof incidents.$inferSelect

/** A stored row back into the event clients receive (the payload text is canonical JSON). */
export function eventFromRow(r: EventRow): IncidentEvent {
  return {
    seq: r.seq,
    incidentId: r.incidentId,
    type: r.type,
    payload: JSON.parse(r.payload) as unknown,
    actorId: r.actorId,
    role: r.role as Role,
    workstationId: r.workstationId,
    serverTime: r.serverTime,
    issuedAt: r.issuedAt,
    commandId: r.commandId,
    version: r.version,
    prevHash: r.prevHash,
    hash: r.hash,
  } as IncidentEvent
}

export function incidentToRow(i: Incident): IncidentRow {
  return {
    id: i.id,
    code: i.code,
    townId: i.townId,
    category: i.category,
    status: i.status,
    reportedAt: i.reportedAt,
    updatedAt: i.updatedAt,
    lastSeq: i.lastSeq,
    data: JSON.stringify(i),
  }
}

export function incidentFromRow(r: Pick<IncidentRow, 'data'>): Incident {
  return JSON.parse(r.data) as Incident
}
