import { effectiveDeadline, isOpen, type Incident } from '@shared/domain'

/**
 * How close a case is to its deadline, relative to its own time limit: a case
 * with 2 h left of a 4 h limit is at more risk than one with 2 h left of 10
 * days. `share` is the part of the limit still left (≤ 0 when overdue).
 */
export interface DeadlineRisk {
  readonly msLeft: number
  readonly share: number
  readonly overdue: boolean
  /** In the last fifth of its time limit (or overdue): the supervisor's risk threshold. */
  readonly atRisk: boolean
}

/** Share of the time limit below which a case counts as at risk (the last 20 %). */
export const RISK_SHARE = 0.2

export function deadlineRisk(
  i: Pick<Incident, 'deadline' | 'dispatchedAt' | 'suspended' | 'suspendedAt' | 'suspendedMs'>,
  now: number,
): DeadlineRisk | null {
  const deadline = effectiveDeadline(i as Incident, now)
  if (deadline === null || i.dispatchedAt === null) return null
  const limit = Math.max(1, deadline - i.dispatchedAt - (i.suspendedMs ?? 0))
  const msLeft = deadline - now
  const share = msLeft / limit
  return { msLeft, share, overdue: msLeft < 0, atRisk: msLeft < 0 || share <= RISK_SHARE }
}

/** Active before waiting (suspended, fed back), then by share of the limit left, least first. */
export function byDeadlineRisk(a: Incident, b: Incident, now: number): number {
  const rank = (i: Incident) =>
    !isOpen(i) ? 3 : i.suspended ? 2 : i.status === 'resolved' || i.status === 'verified' ? 1 : 0
  const r = rank(a) - rank(b)
  if (r !== 0) return r
  const ra = deadlineRisk(a, now)
  const rb = deadlineRisk(b, now)
  if (!ra || !rb) return ra ? -1 : rb ? 1 : a.reportedAt - b.reportedAt
  return ra.share - rb.share || ra.msLeft - rb.msLeft
}
