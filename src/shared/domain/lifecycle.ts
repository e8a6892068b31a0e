import type { ActionType } from './actions'
import type { IncidentStatus } from './incident'
import type { Role } from './roles'

type Rule = Partial<Record<Role, readonly IncidentStatus[]>>

const OPEN: readonly IncidentStatus[] = ['reported', 'accepted', 'dispatched', 'in_progress', 'resolved', 'verified']
const ALL: readonly IncidentStatus[] = [...OPEN, 'rejected', 'merged', 'closed']
const INTAKE: readonly IncidentStatus[] = ['reported', 'accepted']
/** With the handler, before its feedback: where it may ask for more time, suspension, or send the case back. */
const HANDLING: readonly IncidentStatus[] = ['dispatched', 'in_progress']

/**
 * Which role may take which action from which state. `report` creates a case and
 * has no "from"; it is listed with the roles that may create one.
 */
export const TRANSITIONS: Record<Exclude<ActionType, 'report'>, Rule> = {
  accept: { operator: ['reported'], supervisor: ['reported'] },
  reject: { operator: INTAKE, supervisor: INTAKE },
  merge: { operator: INTAKE, supervisor: INTAKE },
  dispatch: { operator: INTAKE, supervisor: INTAKE },
  // Operators may re-route work the handler has not taken up yet; supervisors any time.
  reassign: { operator: ['dispatched'], supervisor: ['dispatched', 'in_progress'] },
  acknowledge: { department: ['dispatched'], field: ['dispatched'], system: ['dispatched'] },
  resolve: { department: ['in_progress'], field: ['in_progress'], system: ['in_progress'] },
  verify: { field: ['resolved'], operator: ['resolved'], supervisor: ['resolved'] },
  return: { field: ['resolved', 'verified'], operator: ['resolved', 'verified'], supervisor: ['resolved', 'verified'] },
  // Closing normally follows verification; a supervisor may approve closure straight from feedback.
  close: { operator: ['verified'], supervisor: ['resolved', 'verified'] },
  suspend: { supervisor: ['dispatched', 'in_progress'] },
  resume: { supervisor: ['dispatched', 'in_progress'] },
  escalate: { operator: OPEN, supervisor: OPEN, system: OPEN },
  comment: { operator: ALL, supervisor: ALL, field: ALL, department: ALL, system: ALL },
  // Handlers ask (department for its unit's cases, see decide); the supervisor decides.
  request_extension: { department: HANDLING, field: HANDLING },
  send_back: { department: HANDLING, field: HANDLING },
  request_suspension: { department: HANDLING, field: HANDLING },
  // A closed case that comes back (the problem recurred, a complaint): asked by who saw it.
  request_reopen: { operator: ['closed'], field: ['closed'] },
  decide_request: { supervisor: [...OPEN, 'closed'] },
}

export const REPORT_ROLES: readonly Role[] = ['operator', 'supervisor', 'field', 'citizen', 'department', 'system']

/** While suspended (缓办) only these actions make sense. */
const WHILE_SUSPENDED: readonly ActionType[] = ['resume', 'comment', 'escalate', 'reassign', 'decide_request']

export const TARGET_STATUS: Partial<Record<ActionType, IncidentStatus>> = {
  report: 'reported',
  accept: 'accepted',
  reject: 'rejected',
  merge: 'merged',
  dispatch: 'dispatched',
  reassign: 'dispatched',
  acknowledge: 'in_progress',
  resolve: 'resolved',
  verify: 'verified',
  return: 'dispatched',
  close: 'closed',
}

export type TransitionDenial = 'forbidden_role' | 'invalid_transition'

/** What a transition depends on: the state, suspension, and whether a request waits for a decision. */
export interface TransitionState {
  readonly status: IncidentStatus
  readonly suspended: boolean
  readonly pendingRequest?: unknown
}

/** Whether `role` may take `action` on a case in `status` (suspended or not). */
export function checkTransition(
  action: ActionType,
  role: Role,
  state: TransitionState | null,
): TransitionDenial | null {
  if (action === 'report') {
    if (!REPORT_ROLES.includes(role)) return 'forbidden_role'
    return state === null ? null : 'invalid_transition'
  }
  if (state === null) return 'invalid_transition'
  const rule = TRANSITIONS[action]
  const from = rule[role]
  if (!from) return 'forbidden_role'
  if (!from.includes(state.status)) return 'invalid_transition'
  if (action === 'suspend' && state.suspended) return 'invalid_transition'
  if (action === 'resume' && !state.suspended) return 'invalid_transition'
  if (state.suspended && !WHILE_SUSPENDED.includes(action)) return 'invalid_transition'
  return null
}

/** Offered only when it can succeed: a decision needs a request waiting, a request needs none. */
function fitsRequest(action: ActionType, state: TransitionState): boolean {
  if (action === 'decide_request') return state.pendingRequest !== undefined
  if (REQUESTS.includes(action)) return state.pendingRequest === undefined
  return true
}
const REQUESTS: readonly ActionType[] = ['request_extension', 'send_back', 'request_suspension', 'request_reopen']

/** Actions this role may take on this case right now (what the detail view offers). */
export function allowedActions(role: Role, state: TransitionState): ActionType[] {
  return (Object.keys(TRANSITIONS) as Exclude<ActionType, 'report'>[]).filter(
    (action) => checkTransition(action, role, state) === null && fitsRequest(action, state),
  )
}
