import { createHash } from 'node:crypto'

/** The prevHash of the first event ever appended. */
export const GENESIS_HASH = '0'.repeat(64)

/** JSON with object keys sorted at every level: one text per value, so a hash over it is stable. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  const record = value as Record<string, unknown>
  // The default sort compares UTF-16 code units: the order docs/protocol.md specifies.
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort()
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`
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
