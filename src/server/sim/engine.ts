import {
  defaultHandlingMs,
  effectiveDeadline,
  isOpen,
  type Command,
  type Incident,
  type Principal,
} from '@shared/domain'
import type { Rng } from '../reference/rng'
import { FEEDBACK, REJECT_REASONS, RETURN_REASONS } from './titles'
import {
  handlerPrincipal,
  principalFor,
  rngUuid,
  SIM_OPERATOR,
  SIM_SUPERVISOR,
  SYSTEM,
  type DistrictModel,
} from './model'

const MIN = 60_000
const HOUR = 60 * MIN

export interface Step {
  readonly command: Command
  readonly principal: Principal
}

export interface EngineOptions {
  /** Real-time ms a new report waits before the simulated command room takes it (leaves it to humans first). */
  readonly reportedAgeMs: number
  /** How much faster than real time ordinary handling runs; late cases are not sped up, so they really miss deadlines. */
  readonly speed: number
}

function command<T extends Command['type']>(
  rng: Rng,
  incident: Incident,
  type: T,
  payload: Extract<Command, { type: T }>['payload'],
  at: number,
): Command {
  return {
    commandId: rngUuid(rng),
    type,
    incidentId: incident.id,
    expectedVersion: incident.version,
    payload,
    issuedAt: at,
  } as Command
}

/**
 * The next thing that happens to a case, decided from its current state (so a
 * human acting on it first simply changes what the simulator does next), or
 * 'wait' when it is not time yet, or null when the case is finished.
 */
export function nextStep(
  model: DistrictModel,
  rng: Rng,
  i: Incident,
  now: number,
  opts: EngineOptions,
): Step | 'wait' | null {
  if (!isOpen(i)) return null
  const handler =
    i.assigneeId && i.assigneeKind ? handlerPrincipal({ kind: i.assigneeKind, id: i.assigneeId }, i.townId) : null
  if (i.suspended) return { principal: SIM_SUPERVISOR, command: command(rng, i, 'resume', { note: '恢复办理' }, now) }
  switch (i.status) {
    case 'reported':
      if (now - i.reportedAt < opts.reportedAgeMs) return 'wait'
      if (rng.chance(0.04))
        return {
          principal: SIM_OPERATOR,
          command: command(rng, i, 'reject', { reason: rng.pick(REJECT_REASONS) }, now),
        }
      return { principal: SIM_OPERATOR, command: command(rng, i, 'accept', {}, now) }
    case 'accepted':
      return {
        principal: SIM_OPERATOR,
        command: command(rng, i, 'dispatch', { assignee: model.assignee(rng, i.category, i.townId) }, now),
      }
    case 'dispatched':
      return handler ? { principal: handler, command: command(rng, i, 'acknowledge', {}, now) } : null
    case 'in_progress':
      if (rng.chance(0.02))
        return {
          principal: SIM_SUPERVISOR,
          command: command(rng, i, 'suspend', { reason: '需协调多部门联合处置' }, now),
        }
      return handler
        ? { principal: handler, command: command(rng, i, 'resolve', { feedback: rng.pick(FEEDBACK) }, now) }
        : null
    case 'resolved': {
      const worker = principalFor('field', `w-${i.gridId}-1`, i.townId)
      if (i.reworkCount < 2 && rng.chance(0.08))
        return { principal: worker, command: command(rng, i, 'return', { reason: rng.pick(RETURN_REASONS) }, now) }
      return { principal: worker, command: command(rng, i, 'verify', { note: '现场核查属实' }, now) }
    }
    case 'verified':
      return { principal: SIM_OPERATOR, command: command(rng, i, 'close', {}, now) }
    default:
      return null
  }
}

/** When the next step of a case in this state is due (ms from `now`). */
export function stepDelay(rng: Rng, i: Incident, now: number, opts: EngineOptions): number {
  const fast = (mean: number, min = 0): number => (min + rng.exp(mean)) / opts.speed
  if (i.suspended) return fast(rng.range(6, 48) * HOUR)
  switch (i.status) {
    case 'reported':
      return Math.max(opts.reportedAgeMs - (now - i.reportedAt), fast(15 * MIN, 2 * MIN))
    case 'accepted':
      return fast(25 * MIN, 3 * MIN)
    case 'dispatched':
      return fast(90 * MIN, 5 * MIN)
    case 'in_progress': {
      const h = defaultHandlingMs(i.category, i.priority)
      const deadline = effectiveDeadline(i, now) ?? now + h
      // About one case in fourteen runs late in real time, so it really becomes overdue and escalates.
      if (rng.chance(0.07)) return Math.max(0, deadline - now) + h * rng.range(0.05, 0.6)
      return (h * rng.range(0.1, 0.8)) / opts.speed
    }
    case 'resolved':
      return fast(3 * HOUR, 20 * MIN)
    case 'verified':
      return fast(80 * MIN, 10 * MIN)
    default:
      return Infinity
  }
}

/** Escalation level an open case deserves at `now`: one per handling period overdue, at most 3. */
export function dueEscalationLevel(i: Incident, now: number): number {
  if (!isOpen(i) || i.suspended || i.deadline === null) return 0
  const deadline = effectiveDeadline(i, now)
  if (deadline === null || now <= deadline) return 0
  const h = defaultHandlingMs(i.category, i.priority)
  return Math.min(3, 1 + Math.floor((now - deadline) / h))
}

export function escalationStep(rng: Rng, i: Incident, now: number): Step | null {
  const level = dueEscalationLevel(i, now)
  if (level <= i.escalationLevel) return null
  return {
    principal: SYSTEM,
    command: command(rng, i, 'escalate', { reason: `超期未办结，自动督办（第${i.escalationLevel + 1}级）` }, now),
  }
}
