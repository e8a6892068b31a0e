import type { ActivityEvent, IncidentView } from '@shared/contract'
import { isOpen, type Assignee, type Incident } from '@shared/domain'
import { deadlineRisk } from '../../lib/deadline-risk'
import { ACCEPT_LIMIT_MS } from './risk-list'

/**
 * Where a case's time went, so lateness is laid at the right door: waiting to be
 * accepted (受理), waiting to be dispatched (派遣, including time lost at a unit
 * it was wrongly sent to and sent back from), with the handling unit (处置,
 * rework included), and waiting for verification and closing (核查结案).
 */
export const PHASES = ['intake', 'dispatch', 'handling', 'verification'] as const
export type Phase = (typeof PHASES)[number]
export type PhaseMs = Record<Phase, number>

const zero = (): PhaseMs => ({ intake: 0, dispatch: 0, handling: 0, verification: 0 })

type Step = Pick<ActivityEvent, 'type' | 'serverTime' | 'request' | 'approve'>

/** The steps the fields alone tell (a case known from a snapshot, its events not cached). */
function stepsFromFields(i: Incident): Step[] {
  const steps: Step[] = [{ type: 'report', serverTime: i.reportedAt }]
  if (i.dispatchedAt !== null) steps.push({ type: 'dispatch', serverTime: i.dispatchedAt })
  if (i.resolvedAt !== null) steps.push({ type: 'resolve', serverTime: i.resolvedAt })
  if (i.verifiedAt !== null) steps.push({ type: 'verify', serverTime: i.verifiedAt })
  if (i.suspended && i.suspendedAt !== null) steps.push({ type: 'suspend', serverTime: i.suspendedAt })
  return steps
}

/** The phase a step starts (undefined: it does not change the phase). */
function phaseAfter(step: Step): Phase | null | undefined {
  switch (step.type) {
    case 'report':
      return 'intake'
    case 'accept':
      return 'dispatch'
    case 'dispatch':
    case 'reassign':
    case 'return':
      return 'handling'
    case 'resolve':
    case 'verify':
      return 'verification'
    case 'close':
    case 'reject':
    case 'merge':
      return null
    case 'decide_request':
      if (!step.approve) return undefined
      return step.request === 'send_back' || step.request === 'reopen' ? 'handling' : undefined
    default:
      return undefined
  }
}

/**
 * How long a case spent in each phase up to `now`, from its timeline (oldest
 * first; when none is cached, from its fields: then acceptance is not told
 * apart and the wait before dispatch is counted as intake). Time suspended
 * (缓办) counts nowhere. The stint at a unit that sent the case back (退单,
 * approved) is moved from handling to dispatch: the routing was wrong, not the unit.
 */
export function phasesOf(incident: Incident, events: readonly Step[], now: number): PhaseMs {
  const ms = zero()
  const steps = events.length > 0 && events[0]?.type === 'report' ? events : stepsFromFields(incident)
  let phase: Phase | null = null
  let since = steps[0]?.serverTime ?? incident.reportedAt
  let stint = 0 // handling time at the current unit
  let paused = false
  const spend = (until: number) => {
    if (phase !== null && !paused) {
      const d = Math.max(0, until - since)
      ms[phase] += d
      if (phase === 'handling') stint += d
    }
    since = until
  }
  for (const step of steps) {
    spend(step.serverTime)
    if (step.type === 'suspend' || (step.type === 'decide_request' && step.approve && step.request === 'suspension')) {
      paused = true
      continue
    }
    if (step.type === 'resume') {
      paused = false
      continue
    }
    if (step.type === 'decide_request' && step.approve && step.request === 'send_back') {
      ms.handling -= stint
      ms.dispatch += stint
    }
    const next = phaseAfter(step)
    if (next === undefined) continue
    // A new stint at a unit (dispatch, re-dispatch, rework) starts its own count.
    if (next === 'handling' || next === null) stint = 0
    phase = next
  }
  spend(now)
  return ms
}

export interface LateUnit {
  /** The unit the cases are with; null for cases still with the command room (not dispatched). */
  readonly unit: Assignee | null
  readonly late: number
  readonly atRisk: number
  /** Summed over the unit's late and at-risk cases. */
  readonly ms: PhaseMs
}

export type Standing = 'late' | 'at_risk'

/**
 * Whether a case counts for "who is late": past its (effective) deadline, in the
 * last fifth of its time limit, or — not yet dispatched — waiting for
 * acceptance past the limit. Suspended cases' clocks are stopped: never.
 */
export function standingOf(i: IncidentView, now: number): Standing | null {
  if (!isOpen(i) || i.suspended) return null
  if (i.status === 'reported' || i.status === 'accepted')
    return i.status === 'reported' && now - i.reportedAt > ACCEPT_LIMIT_MS ? 'late' : null
  const risk = deadlineRisk(i, now)
  if (!risk) return null
  return risk.overdue ? 'late' : risk.atRisk ? 'at_risk' : null
}

/** The cases whose timelines "who is late" needs. */
export function lateCaseIds(rows: readonly IncidentView[], now: number): string[] {
  return rows.filter((r) => standingOf(r, now) !== null).map((r) => r.id)
}

const unitKey = (i: Incident) => (i.assigneeKind && i.assigneeId ? `${i.assigneeKind}:${i.assigneeId}` : '')

/**
 * "Who is late", per unit: how many of its cases are late or at risk, and
 * where their time went. Most late first, then most time overall.
 */
export function whoIsLate(
  rows: readonly IncidentView[],
  timelines: Readonly<Record<string, readonly Step[]>>,
  now: number,
): LateUnit[] {
  const units = new Map<string, { unit: Assignee | null; late: number; atRisk: number; ms: PhaseMs }>()
  for (const i of rows) {
    const standing = standingOf(i, now)
    if (!standing) continue
    const key = unitKey(i)
    let u = units.get(key)
    if (!u) {
      u = {
        unit: i.assigneeKind && i.assigneeId ? { kind: i.assigneeKind, id: i.assigneeId } : null,
        late: 0,
        atRisk: 0,
        ms: zero(),
      }
      units.set(key, u)
    }
    if (standing === 'late') u.late++
    else u.atRisk++
    const spent = phasesOf(i, timelines[i.id] ?? [], now)
    for (const p of PHASES) u.ms[p] += spent[p]
  }
  const total = (u: LateUnit) => PHASES.reduce((s, p) => s + u.ms[p], 0)
  return [...units.values()].sort((a, b) => b.late - a.late || b.atRisk - a.atRisk || total(b) - total(a))
}
