import { z } from 'zod'
import { ACTION_TYPES, eventPayloadSchemas, type ActionType, type EventPayload } from './actions'
import { ROLES, type Role } from './roles'

/**
 * One entry of the server's append-only log. `seq` is global and gap-free;
 * `version` is the incident's version after this event; `hash` chains the log.
 */
export type IncidentEvent = {
  [T in ActionType]: {
    seq: number
    incidentId: string
    type: T
    payload: EventPayload<T>
    actorId: string
    role: Role
    workstationId: string | null
    serverTime: number
    issuedAt: number | null
    commandId: string | null
    version: number
    prevHash: string
    hash: string
  }
}[ActionType]

const base = {
  seq: z.number().int().positive(),
  incidentId: z.string().min(1).max(64),
  actorId: z.string().min(1).max(64),
  role: z.enum(ROLES),
  workstationId: z.string().max(64).nullable(),
  serverTime: z.number().int().nonnegative(),
  issuedAt: z.number().int().nonnegative().nullable(),
  commandId: z.string().max(64).nullable(),
  version: z.number().int().positive(),
  prevHash: z.string().max(128),
  hash: z.string().max(128),
}

/** Validates an event that crossed the network (the workstation never trusts one blindly). */
export const incidentEventSchema = z.discriminatedUnion(
  'type',
  ACTION_TYPES.map((type) =>
    z.object({ ...base, type: z.literal(type), payload: eventPayloadSchemas[type] }),
  ) as unknown as [z.ZodObject, ...z.ZodObject[]],
)

export function parseIncidentEvent(value: unknown): { ok: true; event: IncidentEvent } | { ok: false; error: string } {
  const result = incidentEventSchema.safeParse(value)
  if (!result.success)
    return { ok: false, error: result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') }
  return { ok: true, event: result.data as unknown as IncidentEvent }
}
