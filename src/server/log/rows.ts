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

/**
 * A stored row as the event's JSON, built by SQLite (the canonical payload text embedded as is,
 * every other column an integer or text): node-sqlite3 materialises a 13-column row about twice
 * as slowly as V8 parses the same event from JSON, and replay reads 100,000s of them.
 * Parsed, it equals eventFromRow of the row (same keys, same order, same values).
 */
export const EVENT_JSON = `json_object('seq', seq, 'incidentId', incident_id, 'type', type, 'payload', json(payload),
  'actorId', actor_id, 'role', role, 'workstationId', workstation_id, 'serverTime', server_time, 'issuedAt', issued_at,
  'commandId', command_id, 'version', version, 'prevHash', prev_hash, 'hash', hash)`

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

/** A stored dashboard layout (JSON text) as served. */
export function layoutFromRow(r: { layout: string; updatedAt: number }): { layout: unknown; updatedAt: number } {
  return { layout: JSON.parse(r.layout) as unknown, updatedAt: r.updatedAt }
}
