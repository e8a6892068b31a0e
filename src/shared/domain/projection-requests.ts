import type { EventPayload } from './actions'
import type { IncidentEvent } from './events'
import { assessmentDue } from './assessment/clock'
import { isOverdue, type Assignee, type Incident } from './incident'

type Mutable<T> = { -readonly [K in keyof T]: T[K] }
type Handling = Extract<
  IncidentEvent,
  { type: 'request_extension' | 'send_back' | 'request_suspension' | 'request_reopen' }
>

/** A handler's request becomes the case's one pending request. */
export function applyRequest(next: Mutable<Incident>, event: Handling): void {
  const base = { reason: event.payload.reason, requestedBy: event.actorId, requestedAt: event.serverTime }
  switch (event.type) {
    case 'request_extension':
      next.pendingRequest = { kind: 'extension', ...base, proposedDeadline: event.payload.deadline }
      break
    case 'send_back':
      next.pendingRequest = {
        kind: 'send_back',
        ...base,
        ...(event.payload.suggested ? { suggested: event.payload.suggested } : {}),
      }
      break
    case 'request_suspension':
      next.pendingRequest = { kind: 'suspension', ...base }
      break
    case 'request_reopen':
      next.pendingRequest = { kind: 'reopen', ...base }
      break
  }
}

/**
 * The supervisor's decision: the pending request goes either way; an approval
 * does what was asked. The event carries everything the effect needs (the
 * server completed it), so replaying it never consults the request.
 */
export function applyDecision(
  current: Incident,
  next: Mutable<Incident>,
  event: Extract<IncidentEvent, { type: 'decide_request' }>,
): void {
  delete next.pendingRequest
  const p: EventPayload<'decide_request'> = event.payload
  if (!p.approve) return
  const t = event.serverTime
  switch (p.request) {
    case 'extension':
      if (p.deadline === undefined || current.deadline === null) return
      next.extensions = [
        ...(current.extensions ?? []),
        { from: current.deadline, to: p.deadline, approvedAt: t, approvedBy: event.actorId, reason: p.reason },
      ]
      next.deadline = p.deadline
      // The assessment office granted the time: the original clock moves by it too (firstDeadline
      // stays as it was, for the record).
      next.extendedMs = next.extendedMs + Math.max(0, p.deadline - current.deadline)
      return
    case 'send_back':
      if (current.assigneeKind && current.assigneeId)
        next.sentBackFrom = [
          ...(current.sentBackFrom ?? []),
          {
            kind: current.assigneeKind,
            id: current.assigneeId,
            dispatchedAt: current.dispatchedAt ?? t,
            sentBackAt: t,
            reason: current.pendingRequest?.reason ?? p.reason,
          },
        ]
      if (p.assignee && p.deadline !== undefined) {
        redispatch(current, next, p.assignee, p.deadline, t)
        // The misrouted dispatch is void: the re-dispatch is the one that stands, so the unit that
        // finally handles the case is judged from it (the operator who dispatched first keeps
        // answering for the delay on 派遣时效).
        next.firstDispatchedAt = t
        next.firstDeadline = p.deadline
        next.extendedMs = 0
      }
      return
    case 'suspension':
      suspend(current, next, t)
      return
    case 'reopen':
      if (p.assignee && p.deadline !== undefined) {
        redispatch(current, next, p.assignee, p.deadline, t)
        next.reworkCount = current.reworkCount + 1
        next.resolvedAt = null
        next.verifiedAt = null
        next.closedAt = null
      }
      return
  }
}

/** To a (new) unit with a new deadline: the clock starts again, the former unit is remembered. */
export function redispatch(
  current: Incident,
  next: Mutable<Incident>,
  to: Assignee,
  deadline: number,
  t: number,
): void {
  rememberAssignee(current, next, to)
  next.status = 'dispatched'
  next.assigneeKind = to.kind
  next.assigneeId = to.id
  next.deadline = deadline
  next.dispatchedAt = t
  next.acknowledgedAt = null
}

/** Keeps the unit it had (if any, and not the one it goes to) among its former assignees. */
export function rememberAssignee(current: Incident, next: Mutable<Incident>, to: Assignee): void {
  const kind = current.assigneeKind
  const id = current.assigneeId
  if (!kind || !id || (kind === to.kind && id === to.id)) return
  const former = current.formerAssignees ?? []
  if (former.some((a) => a.kind === kind && a.id === id)) return
  next.formerAssignees = [...former, { kind, id }]
}

/**
 * 缓办 stops the clock (a supervisor's suspend, or an approved suspension request); whether the case
 * was already late is recorded (suspension does not excuse it): on the operational deadline, and
 * on the assessment's original clock, whose time it stops only when not yet due then.
 */
export function suspend(current: Incident, next: Mutable<Incident>, t: number): void {
  next.overdueWhenSuspended = isOverdue(current, t)
  next.suspended = true
  next.suspendedAt = t
  const due = assessmentDue(next, 'original')
  next.suspensionCredited = due === null || t <= due
}
