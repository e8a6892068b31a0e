import {
  defaultHandlingMs,
  effectiveDeadline,
  isOpen,
  type ActionType,
  type Command,
  type CommandPayload,
  type Incident,
  type Principal,
} from '@shared/domain'
import { DEPARTMENTS } from '../reference/departments'
import { hashSeed, mixHash, rngFromHash, type Rng } from '../reference/rng'
import {
  handlerPrincipal,
  principalFor,
  rngUuid,
  SIM_OPERATOR,
  SIM_SUPERVISOR,
  SYSTEM,
  type DistrictModel,
} from './model'
import { REJECT_RATE } from './rates'
import { homeDepartment } from './routing'
import { DAY, HOUR, MINUTE, realMs, type TimeModel } from './time-model'
import { FEEDBACK, LONG_SUSPEND_REASONS, REJECT_REASONS, RETURN_REASONS } from './titles'

/**
 * The life of a case, decided from its current state alone: what happens
 * next and when. Every draw comes from a generator keyed by the seed, the
 * case and the moment it entered its state, so history and the live
 * simulator give a case the same future, a restart picks it up where it was,
 * and a person acting on it first simply changes what comes next.
 */
export interface EngineContext {
  readonly model: DistrictModel
  /** Hash of the seed of the decisions (not of command ids, which must differ between runs). */
  readonly seedHash: number
  readonly time: TimeModel
  /** Real ms a new report is left to the people in the command room before the simulated one takes it. */
  readonly humanFirstMs: number
}

export function engineContext(model: DistrictModel, seed: string, time: TimeModel, humanFirstMs = 0): EngineContext {
  return { model, seedHash: hashSeed(`${seed}/cases`), time, humanFirstMs }
}

/** The next step of a case: when it is due (real ms since the epoch), who takes it, and what. */
export interface Plan {
  readonly at: number
  readonly principal: Principal
  readonly type: ActionType
  readonly payload: CommandPayload<ActionType>
  /** A dispatch's or reassignment's deadline: this long (real ms) after the step is taken. */
  readonly deadlineIn?: number
}

export interface Step {
  readonly command: Command
  readonly principal: Principal
}

/**
 * What becomes of a case once its handler has it, drawn once per round of handling. Most are put
 * right before the deadline; some late, a few very late or not for months (the unfinished tail);
 * some are suspended (缓办) — briefly to coordinate departments, or, for fire and gas hazards the
 * owner must rebuild for, for months. Rates calibrated against the source (calibrate.ts).
 */
export type Fate = 'on_time' | 'late' | 'very_late' | 'stuck' | 'short_suspend' | 'long_suspend'

export const FATE_RATES: Record<'fire_safety' | 'gas_safety' | 'other', Record<Exclude<Fate, 'on_time'>, number>> = {
  fire_safety: { late: 0.06, very_late: 0.018, stuck: 0.018, short_suspend: 0.015, long_suspend: 0.075 },
  gas_safety: { late: 0.06, very_late: 0.018, stuck: 0.018, short_suspend: 0.015, long_suspend: 0.06 },
  other: { late: 0.06, very_late: 0.018, stuck: 0.018, short_suspend: 0.015, long_suspend: 0.003 },
}

/** Share of resolved cases the grid worker's check sends back, by how often it was sent back already. */
export const RETURN_RATES = [0.05, 0.03] as const

/** Mean durations (district time) of the waits that follow an exponential law. */
const WAIT = {
  triage: { min: 2 * MINUTE, mean: 15 * MINUTE },
  dispatch: { min: 3 * MINUTE, mean: 25 * MINUTE },
  acknowledge: { min: 5 * MINUTE, mean: 90 * MINUTE },
  sendBack: { min: 30 * MINUTE, mean: 3 * HOUR },
  suspend: { min: 30 * MINUTE, mean: 6 * HOUR },
  verify: { min: 20 * MINUTE, mean: 3 * HOUR },
  close: { min: 10 * MINUTE, mean: 80 * MINUTE },
  veryLate: { min: 2 * DAY, mean: 10 * DAY },
  stuck: { min: 30 * DAY, mean: 365 * DAY },
  longSuspension: { min: 20 * DAY, mean: 730 * DAY },
} as const

const TAGS = { fate: 1, handle: 2, triage: 3, dispatch: 4, acknowledge: 5, resume: 6, verify: 7, close: 8 } as const

/** The generator of one decision: the seed, the case, its round of rework and when it entered its state. */
function caseRng(ctx: EngineContext, tag: keyof typeof TAGS, i: Incident, anchor: number | null): Rng {
  let h = mixHash(ctx.seedHash, TAGS[tag])
  h = mixHash(h, hashSeed(i.id))
  h = mixHash(h, i.reworkCount)
  return rngFromHash(mixHash(h, anchor ?? -1))
}

type Wait = { readonly min: number; readonly mean: number }
const wait = (r: Rng, w: Wait): number => w.min + r.exp(w.mean)

/** Urgent work moves faster: a wait is at most a tenth of the case's handling time (district time). */
function quick(w: Wait, i: Incident): Wait {
  const cap = defaultHandlingMs(i.category, i.priority) / 10
  return w.mean <= cap ? w : { min: Math.min(w.min, cap / 4), mean: cap }
}

/** The fate of the current round of handling (same for the round whether or not the case is suspended now). */
export function fateOf(ctx: EngineContext, i: Incident): Fate {
  const rates = FATE_RATES[i.category === 'fire_safety' || i.category === 'gas_safety' ? i.category : 'other']
  const r = caseRng(ctx, 'fate', i, i.acknowledgedAt)
  let u = r.next()
  for (const fate of ['late', 'very_late', 'stuck', 'short_suspend', 'long_suspend'] as const) {
    u -= rates[fate]
    if (u < 0) return fate
  }
  return 'on_time'
}

/** The handling period in real time (the category's time for its priority, compressed with the clock). */
export function handlingPeriod(time: TimeModel, i: Pick<Incident, 'category' | 'priority'>): number {
  return realMs(time, defaultHandlingMs(i.category, i.priority))
}

/**
 * The deadline the simulated handler works to: the case's own (less time suspended), but in
 * compressed time never more than a compressed handling period after dispatch (a rework's
 * deadline is set by the server in real hours).
 */
function workingDeadline(ctx: EngineContext, i: Incident, now: number): number {
  const own = effectiveDeadline(i, now) ?? (i.dispatchedAt ?? now) + handlingPeriod(ctx.time, i)
  if (ctx.time.scale === 1 || i.dispatchedAt === null) return own
  return Math.min(own, i.dispatchedAt + i.suspendedMs + handlingPeriod(ctx.time, i))
}

function plan<T extends ActionType>(
  at: number,
  principal: Principal,
  type: T,
  payload: CommandPayload<T>,
  deadlineIn?: number,
): Plan {
  return deadlineIn === undefined ? { at, principal, type, payload } : { at, principal, type, payload, deadlineIn }
}

const departmentName = (id: string): string => DEPARTMENTS.find((d) => d.id === id)?.name ?? id

function handlerOf(i: Incident): Principal | null {
  return i.assigneeId && i.assigneeKind ? handlerPrincipal({ kind: i.assigneeKind, id: i.assigneeId }, i.townId) : null
}

/** A department that is not the category's own: it sends the case back (退单) and it is reassigned. */
export function isMisrouted(i: Incident): boolean {
  return i.assigneeKind === 'department' && i.assigneeId !== homeDepartment(i.category)
}

function resumePlan(ctx: EngineContext, i: Incident): Plan {
  const fate = fateOf(ctx, i)
  const r = caseRng(ctx, 'resume', i, i.suspendedAt)
  const from = i.suspendedAt ?? i.updatedAt
  const long = fate === 'long_suspend'
  const span = long ? wait(r, WAIT.longSuspension) : r.range(6 * HOUR, 48 * HOUR)
  return plan(from + realMs(ctx.time, span), SIM_SUPERVISOR, 'resume', {
    note: long ? '整改条件已具备，恢复办理' : '协调完毕，恢复办理',
  })
}

function inProgressPlan(ctx: EngineContext, i: Incident, handler: Principal): Plan {
  const { time } = ctx
  let fate = fateOf(ctx, i)
  const suspendable = fate === 'short_suspend' || fate === 'long_suspend'
  // One suspension per round: after it the case is handled on time.
  if (suspendable && i.suspendedMs > 0) fate = 'on_time'
  const r = caseRng(ctx, 'handle', i, i.acknowledgedAt)
  const ack = i.acknowledgedAt ?? i.updatedAt
  if (fate === 'short_suspend' || fate === 'long_suspend') {
    const long = fate === 'long_suspend'
    return plan(ack + realMs(time, wait(r, WAIT.suspend)), SIM_SUPERVISOR, 'suspend', {
      reason: long ? r.pick(LONG_SUSPEND_REASONS) : '需协调多部门联合处置',
    })
  }
  const deadline = workingDeadline(ctx, i, ack)
  const h = handlingPeriod(ctx.time, i)
  let at: number
  switch (fate) {
    case 'late':
      at = deadline + h * r.range(0.05, 1.0)
      break
    case 'very_late':
      at = deadline + realMs(time, wait(r, WAIT.veryLate))
      break
    case 'stuck':
      at = deadline + realMs(time, wait(r, WAIT.stuck))
      break
    default:
      // Done with room for the check and the closing before the deadline.
      at = ack + i.suspendedMs + Math.max(0, deadline - i.suspendedMs - ack) * r.range(0.1, 0.75)
  }
  return plan(at, handler, 'resolve', { feedback: r.pick(FEEDBACK) })
}

/** The next step of an open case, or null when it is finished (or has no handler to act). */
export function planStep(ctx: EngineContext, i: Incident): Plan | null {
  if (!isOpen(i)) return null
  const { time } = ctx
  if (i.suspended) return resumePlan(ctx, i)
  switch (i.status) {
    case 'reported': {
      const r = caseRng(ctx, 'triage', i, i.reportedAt)
      const at = i.reportedAt + Math.max(ctx.humanFirstMs, realMs(time, wait(r, WAIT.triage)))
      if (r.chance(REJECT_RATE)) return plan(at, SIM_OPERATOR, 'reject', { reason: r.pick(REJECT_REASONS) })
      return plan(at, SIM_OPERATOR, 'accept', {})
    }
    case 'accepted': {
      const r = caseRng(ctx, 'dispatch', i, i.updatedAt)
      const at = i.updatedAt + realMs(time, wait(r, WAIT.dispatch))
      const assignee = ctx.model.assignee(r, i.category, i.townId)
      return plan(at, SIM_OPERATOR, 'dispatch', { assignee }, handlingPeriod(ctx.time, i))
    }
    case 'dispatched': {
      const r = caseRng(ctx, 'acknowledge', i, i.dispatchedAt)
      const from = i.dispatchedAt ?? i.updatedAt
      if (isMisrouted(i)) {
        const home = homeDepartment(i.category)
        return plan(
          from + realMs(time, wait(r, WAIT.sendBack)),
          SIM_OPERATOR,
          'reassign',
          {
            assignee: { kind: 'department', id: home },
            note: `退单：${departmentName(i.assigneeId ?? '')}反馈不属本部门职责，改派${departmentName(home)}`,
          },
          handlingPeriod(ctx.time, i),
        )
      }
      const handler = handlerOf(i)
      return handler ? plan(from + realMs(time, wait(r, quick(WAIT.acknowledge, i))), handler, 'acknowledge', {}) : null
    }
    case 'in_progress': {
      const handler = handlerOf(i)
      return handler ? inProgressPlan(ctx, i, handler) : null
    }
    case 'resolved': {
      const r = caseRng(ctx, 'verify', i, i.resolvedAt)
      const at = (i.resolvedAt ?? i.updatedAt) + realMs(time, wait(r, quick(WAIT.verify, i)))
      const worker = principalFor('field', `w-${i.gridId}-1`, i.townId)
      if (r.chance(RETURN_RATES[i.reworkCount] ?? 0))
        return plan(at, worker, 'return', { reason: r.pick(RETURN_REASONS) })
      return plan(at, worker, 'verify', { note: '现场核查属实' })
    }
    case 'verified': {
      const r = caseRng(ctx, 'close', i, i.verifiedAt)
      return plan(
        (i.verifiedAt ?? i.updatedAt) + realMs(time, wait(r, quick(WAIT.close, i))),
        SIM_OPERATOR,
        'close',
        {},
      )
    }
    default:
      return null
  }
}

/** The command that takes a planned step now (its id from the run's own generator). */
export function stepFor(p: Plan, i: Incident, now: number, ids: Rng): Step {
  return {
    principal: p.principal,
    command: {
      commandId: rngUuid(ids),
      type: p.type,
      incidentId: i.id,
      expectedVersion: i.version,
      payload: p.deadlineIn === undefined ? p.payload : { ...p.payload, deadline: Math.round(now + p.deadlineIn) },
      issuedAt: now,
    } as Command,
  }
}

/** Escalation level an open case deserves at `now`: one per handling period overdue, at most 3. */
export function dueEscalationLevel(i: Incident, now: number, time: TimeModel): number {
  if (!isOpen(i) || i.suspended || i.deadline === null) return 0
  const deadline = effectiveDeadline(i, now)
  if (deadline === null || now <= deadline) return 0
  return Math.min(3, 1 + Math.floor((now - deadline) / handlingPeriod(time, i)))
}

/** When the case next deserves a higher level than it has (null: never, as things stand). */
export function nextEscalationAt(i: Incident, time: TimeModel): number | null {
  if (!isOpen(i) || i.suspended || i.deadline === null || i.escalationLevel >= 3) return null
  const deadline = i.deadline + i.suspendedMs
  return deadline + Math.max(0, i.escalationLevel) * handlingPeriod(time, i) + 1
}

export function escalationStep(i: Incident, now: number, time: TimeModel, ids: Rng): Step | null {
  if (dueEscalationLevel(i, now, time) <= i.escalationLevel) return null
  return {
    principal: SYSTEM,
    command: {
      commandId: rngUuid(ids),
      type: 'escalate',
      incidentId: i.id,
      expectedVersion: i.version,
      payload: { reason: `超期未办结，自动督办（第${i.escalationLevel + 1}级）` },
      issuedAt: now,
    },
  }
}
