import type { ActionType, Command, EventPayload } from './actions'
import { defaultDeadline } from './deadlines'
import type { Incident } from './incident'
import { checkTransition } from './lifecycle'
import { inScope, type Principal } from './roles'
import type { RejectionCode } from './rejections'

export interface Decision {
  readonly type: ActionType
  readonly payload: EventPayload<ActionType>
  readonly version: number
}

export type DecideResult =
  { ok: true; decision: Decision } | { ok: false; code: RejectionCode; message: string; currentVersion: number | null }

export interface DecideContext {
  readonly now: number
  /** Human-readable case code for a new report (the server's counter). */
  readonly nextCode: () => string
  /** Whether a department or team id exists (reference data). */
  readonly assigneeExists: (kind: 'department' | 'team', id: string) => boolean
  /** The incident a merge points to, if it exists. */
  readonly lookup: (incidentId: string) => Incident | null
}

// A plain function, not a closure per call: decide runs for every event of history and simulation.
function accepted(type: ActionType, payload: EventPayload<ActionType>, version: number): DecideResult {
  return { ok: true, decision: { type, payload, version } }
}

function reject(code: RejectionCode, message: string, current: Incident | null): DecideResult {
  return { ok: false, code, message, currentVersion: current?.version ?? null }
}

/**
 * The server's decision on one validated command: the event to append, or a
 * rejection with a stable reason code. Pure; the server supplies the context.
 */
export function decide(current: Incident | null, command: Command, who: Principal, ctx: DecideContext): DecideResult {
  if (who.role === 'wall') return reject('read_only', 'wall displays are read-only', current)
  if (command.type === 'report') {
    if (current) return reject('already_exists', `incident ${command.incidentId} already exists`, current)
    const denial = checkTransition('report', who.role, null)
    if (denial) return reject(denial, `${who.role} may not report`, null)
    if (!inScope(who.towns, command.payload.townId))
      return reject('out_of_scope', `town ${command.payload.townId} is outside your scope`, null)
    return { ok: true, decision: { type: 'report', payload: { ...command.payload, code: ctx.nextCode() }, version: 1 } }
  }
  if (!current) return reject('not_found', `incident ${command.incidentId} not found`, null)
  if (!inScope(who.towns, current.townId))
    return reject('out_of_scope', `incident ${current.code} is outside your scope`, current)
  if (command.expectedVersion !== null && command.expectedVersion !== current.version) {
    return reject(
      'stale_version',
      `incident ${current.code} is at version ${current.version}, not ${command.expectedVersion}`,
      current,
    )
  }
  const denial = checkTransition(command.type, who.role, current)
  if (denial)
    return reject(
      denial,
      `${who.role} may not ${command.type} a ${current.suspended ? 'suspended ' : ''}${current.status} incident`,
      current,
    )

  if ((command.type === 'acknowledge' || command.type === 'resolve') && who.role === 'department') {
    const mine = who.unit && current.assigneeKind === who.unit.kind && current.assigneeId === who.unit.id
    if (!mine)
      return reject(
        'not_assignee',
        `incident ${current.code} is not assigned to ${who.unit?.id ?? who.actorId}`,
        current,
      )
  }

  const version = current.version + 1
  switch (command.type) {
    case 'dispatch':
    case 'reassign': {
      const { assignee } = command.payload
      if (!ctx.assigneeExists(assignee.kind, assignee.id))
        return reject('unknown_assignee', `no ${assignee.kind} ${assignee.id}`, current)
      const deadline = command.payload.deadline ?? defaultDeadline(current.category, current.priority, ctx.now)
      if (deadline <= ctx.now) return reject('invalid_payload', 'deadline is in the past', current)
      return accepted(command.type, { ...command.payload, deadline }, version)
    }
    case 'return':
      return accepted(
        command.type,
        { ...command.payload, deadline: defaultDeadline(current.category, current.priority, ctx.now) },
        version,
      )
    case 'merge': {
      const target = ctx.lookup(command.payload.duplicateOf)
      if (!target || target.id === current.id)
        return reject('invalid_duplicate', 'the case to merge into does not exist', current)
      if (target.status === 'merged' || target.status === 'rejected')
        return reject('invalid_duplicate', `case ${target.code} is itself ${target.status}`, current)
      return accepted(command.type, command.payload, version)
    }
    case 'escalate':
      return accepted(command.type, { ...command.payload, level: current.escalationLevel + 1 }, version)
    default:
      return accepted(command.type, command.payload as EventPayload<ActionType>, version)
  }
}
