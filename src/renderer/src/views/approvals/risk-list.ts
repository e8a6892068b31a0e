import type { IncidentView } from '@shared/contract'
import { isOpen } from '@shared/domain'
import { deadlineRisk } from '../../lib/deadline-risk'

/** A reported case not accepted within this long is late for acceptance (受理时限). */
export const ACCEPT_LIMIT_MS = 30 * 60_000
/** Failed verification this many times or more: the case needs the supervisor's eye. */
export const REPEATED_FAILURES = 3

export type RiskReason = 'due_soon' | 'overdue' | 'escalated' | 'failing' | 'unaccepted'

export interface RiskEntry {
  readonly incident: IncidentView
  readonly reasons: readonly RiskReason[]
}

/**
 * The supervisor's risk list: cases in the last fifth of their time limit (the
 * threshold follows each case's own limit, not a fixed two hours) or past it,
 * escalated (督办) cases, cases that failed verification 3+ times, and reports
 * waiting for acceptance past the limit. Overdue and least time left first.
 */
export function riskList(rows: readonly IncidentView[], now: number): RiskEntry[] {
  const out: { entry: RiskEntry; key: number }[] = []
  for (const i of rows) {
    if (!isOpen(i)) continue
    const reasons: RiskReason[] = []
    const risk = i.suspended ? null : deadlineRisk(i, now)
    const handling = i.status === 'dispatched' || i.status === 'in_progress'
    if (risk && handling && risk.overdue) reasons.push('overdue')
    else if (risk && handling && risk.atRisk) reasons.push('due_soon')
    if (i.escalationLevel > 0) reasons.push('escalated')
    if (i.reworkCount >= REPEATED_FAILURES) reasons.push('failing')
    if (i.status === 'reported' && now - i.reportedAt > ACCEPT_LIMIT_MS) reasons.push('unaccepted')
    if (reasons.length) out.push({ entry: { incident: i, reasons }, key: risk && handling ? risk.share : 1 })
  }
  return out.sort((a, b) => a.key - b.key).map((o) => o.entry)
}

/** Requests waiting for a decision, oldest first. */
export function approvalsQueue(rows: readonly IncidentView[]): IncidentView[] {
  return rows
    .filter((r) => r.pendingRequest !== undefined)
    .sort((a, b) => (a.pendingRequest?.requestedAt ?? 0) - (b.pendingRequest?.requestedAt ?? 0))
}
