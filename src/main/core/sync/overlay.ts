import {
  applyEvent,
  decide,
  type DecideContext,
  type Incident,
  type IncidentEvent,
  type Principal,
} from '@shared/domain'
import type { OutboxEntry } from './outbox'

/** Who a command was issued as when the server never named us (a first start while offline). */
const UNKNOWN_PRINCIPAL: Principal = { actorId: 'local', name: 'local', role: 'operator', towns: '*' }

export interface Overlaid {
  /** The incident as it will be once the server applies the queued commands (null: none yet). */
  readonly incident: Incident | null
  /** Types of the commands still awaiting the server's answer, oldest first. */
  readonly pending: readonly OutboxEntry['command']['type'][]
}

/**
 * Folds an incident's queued commands over the cached row with the same `decide`
 * and `applyEvent` the server uses, so the optimistic view matches what the
 * server will do (deadlines, levels, codes aside). A command the domain would
 * reject is shown as pending but changes nothing; the server's verdict decides.
 */
export function overlayIncident(
  base: Incident | null,
  entries: readonly OutboxEntry[],
  ctx: Omit<DecideContext, 'nextCode'> & { readonly workstationId: string | null },
): Overlaid {
  let current = base
  const pending: OutboxEntry['command']['type'][] = []
  for (const e of entries) {
    if (e.ackedSeq === null) pending.push(e.command.type)
    else if (base && base.lastSeq >= e.ackedSeq) continue // the cache already holds it
    const who = e.principal ?? UNKNOWN_PRINCIPAL
    const d = decide(current, e.command, who, {
      ...ctx,
      now: e.command.issuedAt, // the server decides at arrival; issue time is the nearest guess
      nextCode: () => `…${e.command.incidentId.slice(0, 8)}`,
    })
    if (!d.ok) continue
    const event = {
      seq: current?.lastSeq ?? 0,
      incidentId: e.command.incidentId,
      type: d.decision.type,
      payload: d.decision.payload,
      actorId: who.actorId,
      role: who.role,
      workstationId: ctx.workstationId,
      serverTime: Math.max(e.command.issuedAt, current?.updatedAt ?? 0),
      issuedAt: e.command.issuedAt,
      commandId: e.command.commandId,
      version: d.decision.version,
      prevHash: '',
      hash: '',
    } as IncidentEvent
    try {
      current = applyEvent(current, event)
    } catch {
      // Does not fit (the cache moved on): leave it to the server.
    }
  }
  return { incident: current, pending }
}
