import type { Command, EventPayload } from './actions'
import { defaultDeadline } from './deadlines'
import type { Assignee, Incident } from './incident'
import type { ReferenceLookup } from './reference-lookup'
import type { RejectionCode } from './rejections'

/** What decide needs from its context here. */
interface Ctx {
  readonly now: number
  readonly assigneeExists: (kind: 'department' | 'team', id: string) => boolean
  readonly reference: Pick<ReferenceLookup, 'team'> | null
}

export type RequestOutcome<T> = { ok: true; payload: T } | { ok: false; code: RejectionCode; message: string }

const no = (code: RejectionCode, message: string) => ({ ok: false as const, code, message })
const same = (a: Assignee, i: Incident) => a.kind === i.assigneeKind && a.id === i.assigneeId

/**
 * Why a case cannot go to this unit (null when it can): it must exist, and a
 * joint team (联勤) works in its own town only. Without reference data (a
 * workstation that never fetched it) only existence is checked; the server decides.
 */
function unitProblem(a: Assignee, i: Incident, ctx: Ctx): { code: RejectionCode; message: string } | null {
  if (!ctx.assigneeExists(a.kind, a.id)) return { code: 'unknown_assignee', message: `no ${a.kind} ${a.id}` }
  const team = a.kind === 'team' ? ctx.reference?.team(a.id) : null
  if (team && team.townId !== i.townId)
    return { code: 'invalid_payload', message: `team ${a.id} works in ${team.townId}, not in ${i.townId}` }
  return null
}

type RequestCommand = Extract<
  Command,
  { type: 'request_extension' | 'send_back' | 'request_suspension' | 'request_reopen' }
>

/** A handler's request: one at a time per case, and it must make sense. */
export function decideRequest(current: Incident, command: RequestCommand, ctx: Ctx): RequestOutcome<object> {
  if (current.pendingRequest)
    return no('request_pending', `case ${current.code} already has a ${current.pendingRequest.kind} request waiting`)
  switch (command.type) {
    case 'request_extension': {
      const asked = command.payload.deadline
      if (asked <= ctx.now || (current.deadline !== null && asked <= current.deadline))
        return no('invalid_payload', 'the deadline asked for must be later than the current one and in the future')
      return { ok: true, payload: command.payload }
    }
    case 'send_back': {
      const s = command.payload.suggested
      const problem = s ? unitProblem(s, current, ctx) : null
      if (problem) return no(problem.code, problem.message)
      if (s && same(s, current)) return no('invalid_payload', 'the suggested unit is the one the case is with')
      return { ok: true, payload: command.payload }
    }
    default:
      return { ok: true, payload: command.payload }
  }
}

/**
 * The supervisor's decision on the pending request, completed so that the event
 * alone says what happened: the request it decided and, for an approval that
 * moves the case, the unit and deadline.
 */
export function decidePending(
  current: Incident,
  command: Extract<Command, { type: 'decide_request' }>,
  ctx: Ctx,
): RequestOutcome<EventPayload<'decide_request'>> {
  const pending = current.pendingRequest
  if (!pending) return no('no_pending_request', `case ${current.code} has no request waiting`)
  const { approve, reason } = command.payload
  if (!approve) return { ok: true, payload: { request: pending.kind, approve, reason } }
  switch (pending.kind) {
    case 'extension': {
      const deadline = command.payload.deadline ?? pending.proposedDeadline
      if (deadline === undefined || deadline <= ctx.now || current.deadline === null)
        return no('invalid_payload', 'an extension needs a deadline in the future')
      return { ok: true, payload: { request: 'extension', approve, reason, deadline } }
    }
    case 'send_back':
    case 'reopen': {
      const fallback: Assignee | undefined =
        pending.kind === 'send_back'
          ? pending.suggested
          : current.assigneeKind && current.assigneeId
            ? { kind: current.assigneeKind, id: current.assigneeId }
            : undefined
      const assignee = command.payload.assignee ?? fallback
      if (!assignee) return no('invalid_payload', 'name the unit the case goes to')
      const problem = unitProblem(assignee, current, ctx)
      if (problem) return no(problem.code, problem.message)
      if (pending.kind === 'send_back' && same(assignee, current))
        return no('invalid_payload', 'a sent-back case goes to another unit')
      if (pending.kind === 'send_back' && current.status !== 'dispatched' && current.status !== 'in_progress')
        return no('invalid_transition', `case ${current.code} is ${current.status}: nothing to send back`)
      if (pending.kind === 'reopen' && current.status !== 'closed')
        return no('invalid_transition', `case ${current.code} is not closed`)
      const deadline = command.payload.deadline ?? defaultDeadline(current.category, current.priority, ctx.now)
      if (deadline <= ctx.now) return no('invalid_payload', 'deadline is in the past')
      return { ok: true, payload: { request: pending.kind, approve, reason, assignee, deadline } }
    }
    case 'suspension':
      if (current.suspended) return no('invalid_transition', `case ${current.code} is already suspended`)
      if (current.status !== 'dispatched' && current.status !== 'in_progress')
        return no('invalid_transition', `case ${current.code} is ${current.status}: nothing to suspend`)
      return { ok: true, payload: { request: 'suspension', approve, reason } }
  }
}
