import { createHash } from 'node:crypto'

/** The prevHash of the first event ever appended. */
export const GENESIS_HASH = '0'.repeat(64)

/** JSON with object keys sorted at every level: one text per value, so a hash over it is stable. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
}

export interface HashedFields {
  readonly seq: number
  readonly incidentId: string
  readonly type: string
  readonly actorId: string
  readonly role: string
  readonly workstationId: string | null
  readonly serverTime: number
  readonly issuedAt: number | null
  readonly commandId: string | null
  readonly version: number
  readonly prevHash: string
}

/**
 * sha256 over the predecessor's hash, the event's fields in a fixed order and
 * its canonical payload text (see docs/protocol.md, "Hash chain").
 */
export function eventHash(e: HashedFields, payloadJson: string): string {
  const head = JSON.stringify([
    e.seq,
    e.incidentId,
    e.type,
    e.actorId,
    e.role,
    e.workstationId,
    e.serverTime,
    e.issuedAt,
    e.commandId,
    e.version,
  ])
  return createHash('sha256').update(`${e.prevHash}\n${head}\n${payloadJson}`).digest('hex')
}
