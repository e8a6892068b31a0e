import type { CategoryId, IncidentSource, Priority } from './categories'
import type { Extension, PendingRequest, SentBack } from './requests'

/**
 * Lifecycle states (GB/T 30428 loop: collection → case creation → dispatch →
 * handling → feedback → verification → closing). Suspension (缓办) and
 * escalation (督办) are flags on top of a state, not states of their own.
 */
export const STATUSES = [
  'reported',
  'accepted',
  'rejected',
  'merged',
  'dispatched',
  'in_progress',
  'resolved',
  'verified',
  'closed',
] as const
export type IncidentStatus = (typeof STATUSES)[number]

/** States from which nothing more happens to the case. */
export const TERMINAL_STATUSES: readonly IncidentStatus[] = ['rejected', 'merged', 'closed']
/** Reported or accepted: waiting for the command room to dispatch it. */
export const AWAITING_DISPATCH: readonly IncidentStatus[] = ['reported', 'accepted']
/** With a handler: the deadline clock runs. */
export const WITH_HANDLER: readonly IncidentStatus[] = ['dispatched', 'in_progress', 'resolved', 'verified']

export type AssigneeKind = 'department' | 'team'

export interface Assignee {
  readonly kind: AssigneeKind
  readonly id: string
}

/** The projection of an incident's events. Times are ms since the epoch, server clock. */
export interface Incident {
  readonly id: string
  readonly code: string
  readonly title: string
  readonly description: string
  readonly category: CategoryId
  readonly priority: Priority
  readonly source: IncidentSource
  readonly status: IncidentStatus
  readonly townId: string
  readonly gridId: string
  readonly componentId: string | null
  readonly lat: number
  readonly lng: number
  readonly address: string
  /** A photo of the problem, when the reporter sent one (absent otherwise). */
  readonly mediaUrl?: string
  readonly reporterId: string
  readonly reportedAt: number
  readonly assigneeKind: AssigneeKind | null
  readonly assigneeId: string | null
  readonly dispatchedAt: number | null
  readonly deadline: number | null
  readonly acknowledgedAt: number | null
  readonly resolvedAt: number | null
  readonly verifiedAt: number | null
  readonly closedAt: number | null
  readonly suspended: boolean
  readonly suspendedAt: number | null
  /** Total time spent suspended before the current suspension, ms (stops the clock). */
  readonly suspendedMs: number
  readonly escalationLevel: number
  readonly reworkCount: number
  readonly duplicateOf: string | null
  /**
   * Handling history kept on the case (each absent until it first has a value):
   * the open request to the supervisor; approved extensions (the deadline moved);
   * approved send-backs (退单, not counted against the unit); every unit it was
   * dispatched to before its current one (which may still read it); whether it
   * was already overdue when last suspended (缓办 does not excuse past lateness).
   */
  readonly pendingRequest?: PendingRequest
  readonly extensions?: readonly Extension[]
  readonly sentBackFrom?: readonly SentBack[]
  readonly formerAssignees?: readonly Assignee[]
  readonly overdueWhenSuspended?: boolean
  /** Why the last dispatch set another deadline than the category's default (absent when it did not). */
  readonly deadlineReason?: string
  /**
   * Assessment facts (docs/assessment.md). Rework, reassignment and reopening never reset them,
   * so the original clock and each party's own step can be judged from the row alone.
   * When the command room took the case in (accept, reject, merge, or a dispatch straight from
   * the report): 受理.
   */
  readonly intakeAt: number | null
  /** Who took it in (the operator judged on 受理时效). */
  readonly intakeBy: string | null
  /**
   * The dispatch that stood (派遣): the start of the handling clock. Normally the first one; an
   * approved send-back (退单) voids a misrouted dispatch, so the re-dispatch takes its place.
   */
  readonly firstDispatchedAt: number | null
  /** Who dispatched it first (the operator judged on 派遣时效, misrouting included). */
  readonly dispatchedBy: string | null
  /** The deadline that dispatch set, kept for the record: the original clock rework and reassignment keep. */
  readonly firstDeadline: number | null
  /**
   * Time the assessment office granted on top of firstDeadline: Σ (to − from) of the approved
   * extensions since that dispatch. The original clock's due time is firstDeadline + extendedMs.
   */
  readonly extendedMs: number
  /**
   * Suspended time that stops the original clock: only suspensions that began before the case was
   * overdue on it (a suspension cannot hide lateness). `suspendedMs` counts every suspension.
   */
  readonly creditedSuspendedMs: number
  /** The running suspension began before the original-clock due time (so it is 缓办, not late). */
  readonly suspensionCredited: boolean
  /** Number of events applied; commands name the version they expect. */
  readonly version: number
  readonly updatedAt: number
  /** Global sequence number of the last event applied. */
  readonly lastSeq: number
}

/** Effective deadline: the nominal one pushed back by time spent suspended. */
export function effectiveDeadline(incident: Incident, now: number): number | null {
  if (incident.deadline === null) return null
  const current = incident.suspended && incident.suspendedAt !== null ? Math.max(0, now - incident.suspendedAt) : 0
  return incident.deadline + incident.suspendedMs + current
}

export function isOpen(incident: Pick<Incident, 'status'>): boolean {
  return !TERMINAL_STATUSES.includes(incident.status)
}

/** Open, with a handler, not suspended and past its (effective) deadline. */
export function isOverdue(incident: Incident, now: number): boolean {
  if (!isOpen(incident) || incident.suspended) return false
  const deadline = effectiveDeadline(incident, now)
  return deadline !== null && now > deadline
}

/**
 * Reads a row written before the assessment facts existed (a server or cache from an earlier
 * version): the best the row alone can say — the current deadline as the original one.
 */
export function withAssessmentFacts(c: Incident): Incident {
  if (
    c.creditedSuspendedMs !== undefined &&
    c.suspensionCredited !== undefined &&
    c.intakeAt !== undefined &&
    c.extendedMs !== undefined
  )
    return c
  const legacy = c as Partial<Incident> & Incident
  return {
    ...c,
    intakeAt: legacy.intakeAt ?? (c.status === 'reported' ? null : c.dispatchedAt),
    intakeBy: legacy.intakeBy ?? null,
    firstDispatchedAt: legacy.firstDispatchedAt ?? c.dispatchedAt,
    dispatchedBy: legacy.dispatchedBy ?? null,
    firstDeadline: legacy.firstDeadline ?? c.deadline,
    // The current deadline already holds any extension the old row had.
    extendedMs: legacy.extendedMs ?? 0,
    creditedSuspendedMs: legacy.creditedSuspendedMs ?? c.suspendedMs,
    suspensionCredited: legacy.suspensionCredited ?? c.suspended,
  }
}
