import type { ActionType, Command, CommandPayload, EventPayload } from './actions'
import { isCitizenSource } from './categories'
import { checkDispatchDeadline } from './deadline-range'
import { defaultDeadline } from './deadlines'
import { decidePending, decideRequest, type RequestOutcome } from './decide-requests'
import type { Incident } from './incident'
import { checkTransition } from './lifecycle'
import { verifiesIn } from './field-scope'
import { placeProblem, type ReferenceLookup } from './reference-lookup'
import { inScope, type Principal } from './roles'
import { handledBy, unitScopeOf } from './unit-scope'
import type { RejectionCode } from './rejections'
import { citizenReportTitle } from './service-names'

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
  /**
   * The district's reference data: where reports may be placed, which grid a
   * worker covers, whose team is whose. The server always has it; null only on
   * a workstation that never fetched it (its overlay then skips these checks).
   */
  readonly reference: ReferenceLookup | null
  /**
   * The simulator's commands run on compressed district time, so the dispatch deadline range (real
   * hours, deadline-range.ts) does not bind them; every person's command is checked.
   */
  readonly freeDeadlines?: boolean
}

// A plain function, not a closure per call: decide runs for every event of history and simulation.
function accepted(type: ActionType, payload: EventPayload<ActionType>, version: number): DecideResult {
  return { ok: true, decision: { type, payload, version } }
}

/** What the handler of a case does: a department only on its own unit's cases. */
const HANDLER_ACTIONS: ReadonlySet<ActionType> = new Set([
  'acknowledge',
  'resolve',
  'request_extension',
  'send_back',
  'request_suspension',
])

/** The on-site verdicts (核查通过 / 核查不通过). */
const VERDICTS: ReadonlySet<ActionType> = new Set(['verify', 'return'])

function outcome(type: ActionType, r: RequestOutcome<object>, version: number, current: Incident): DecideResult {
  return r.ok ? accepted(type, r.payload as EventPayload<ActionType>, version) : reject(r.code, r.message, current)
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
    const field = sourceProblem(command.payload, who)
    if (field) return reject('forbidden_field', field, null)
    const place = ctx.reference ? placeProblem(ctx.reference, command.payload) : null
    if (place) return reject('invalid_location', place, null)
    return { ok: true, decision: { type: 'report', payload: { ...command.payload, code: ctx.nextCode() }, version: 1 } }
  }
  // A citizen only reports: told so before anything about whether (or at which version) a case exists.
  if (who.role === 'citizen') return reject('forbidden_role', 'a citizen may only report', null)
  if (!current) return reject('not_found', `incident ${command.incidentId} not found`, null)
  // Says nothing about a case the principal may not read: not its code, not its version.
  if (!inScope(who.towns, current.townId)) return reject('out_of_scope', 'the incident is outside your scope', null)
  // A department reads only its unit's cases (see unit-scope.ts), so it acts on no other.
  const unit = unitScopeOf(who)
  if (unit && !handledBy(current, unit)) return reject('out_of_scope', 'the incident is outside your scope', null)
  // A grid worker verifies (or returns) only what was fed back in their own grid; the answer is the same as above.
  if (
    VERDICTS.has(command.type) &&
    who.role === 'field' &&
    ctx.reference &&
    !verifiesIn(who, current.gridId, ctx.reference)
  )
    return reject('out_of_scope', 'the incident is outside your scope', null)
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

  if (
    HANDLER_ACTIONS.has(command.type) &&
    (who.role === 'department' || who.role === 'field') &&
    !assignedTo(current, who, ctx.reference)
  )
    return reject('not_assignee', `incident ${current.code} is not assigned to ${who.unit?.id ?? who.actorId}`, current)

  const version = current.version + 1
  switch (command.type) {
    case 'dispatch':
    case 'reassign': {
      const { assignee } = command.payload
      if (!ctx.assigneeExists(assignee.kind, assignee.id))
        return reject('unknown_assignee', `no ${assignee.kind} ${assignee.id}`, current)
      const deadline = command.payload.deadline ?? defaultDeadline(current.category, current.priority, ctx.now)
      if (deadline <= ctx.now) return reject('invalid_payload', 'deadline is in the past', current)
      // The operator's choice stays inside the category's range, with a reason when not the default; a
      // supervisor (who also grants extensions) may set any deadline in the future.
      if (command.payload.deadline !== undefined && who.role === 'operator' && !ctx.freeDeadlines) {
        const { category, priority } = current
        const reason = command.payload.deadlineReason
        const check = checkDispatchDeadline(
          { category, priority, deadline, reason, issuedAt: command.issuedAt },
          ctx.now,
        )
        if (!check.ok) return reject(check.code, check.message, current)
      }
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
      // A case outside the actor's towns is answered exactly as one that does not exist.
      if (!target || target.id === current.id || !inScope(who.towns, target.townId))
        return reject('invalid_duplicate', 'the case to merge into does not exist', current)
      if (target.status === 'merged' || target.status === 'rejected')
        return reject('invalid_duplicate', `case ${target.code} is itself ${target.status}`, current)
      return accepted(command.type, command.payload, version)
    }
    case 'escalate':
      return accepted(command.type, { ...command.payload, level: current.escalationLevel + 1 }, version)
    case 'request_extension':
    case 'send_back':
    case 'request_suspension':
    case 'request_reopen':
      return outcome(command.type, decideRequest(current, command, ctx), version, current)
    case 'decide_request':
      return outcome(command.type, decidePending(current, command, ctx), version, current)
    default:
      return accepted(command.type, command.payload as EventPayload<ActionType>, version)
  }
}

/**
 * Citizen sources are for citizens' own reports, and a citizen sets only what
 * Open311 defines (service, place, description, photo): the priority is the
 * command room's, the source follows from the component, the title from the
 * service. Null when the report keeps to that.
 */
function sourceProblem(payload: CommandPayload<'report'>, who: Principal): string | null {
  if (who.role !== 'citizen')
    return isCitizenSource(payload.source) ? `source ${payload.source} is for citizens' own reports` : null
  if (payload.priority !== 'normal') return 'a citizen may not set the priority (it is normal until triaged)'
  const source = payload.componentId === null ? 'citizen_app' : 'citizen_qr'
  if (payload.source !== source)
    return `a citizen's report ${payload.componentId === null ? 'without' : 'with'} a component has source ${source}`
  const title = citizenReportTitle(payload.category, payload.description)
  if (payload.title !== title) return `a citizen's report is titled by its service: "${title}"`
  return null
}

/**
 * Whether a handler may take up and resolve this case (巡办分离: the command
 * room decides who handles what). A department or team principal: cases
 * dispatched to its unit. A grid worker: cases dispatched to a joint team they
 * are on, or to any team while the case lies in the grid they cover; never a
 * department's case.
 */
function assignedTo(current: Incident, who: Principal, ref: ReferenceLookup | null): boolean {
  if (who.unit && current.assigneeKind === who.unit.kind && current.assigneeId === who.unit.id) return true
  if (who.role !== 'field' || current.assigneeKind !== 'team' || current.assigneeId === null) return false
  if (!ref) return true // a workstation without reference data: the server decides
  if (ref.team(current.assigneeId)?.gridWorkerId === who.actorId) return true
  return ref.worker(who.actorId)?.gridId === current.gridId
}
