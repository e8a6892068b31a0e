import type { IncidentFilter, IncidentView } from '@shared/contract'
import { STATUSES, TERMINAL_STATUSES } from '@shared/domain'

/** Closed cases kept on the board for its on-time rates: the last 30 days. */
export const RATE_WINDOW_MS = 30 * 86_400_000

const OPEN_STATUSES = STATUSES.filter((s) => !TERMINAL_STATUSES.includes(s))

/** What the board loads: every open case, and the cases closed within the rate window. */
export function boardFilters(now: number): IncidentFilter[] {
  return [{ statuses: [...OPEN_STATUSES] }, { statuses: ['closed'], reportedSince: now - RATE_WINDOW_MS }]
}

/** Whether a changed case still belongs on the board (the same rule, in memory). */
export function keepOnBoard(view: IncidentView, now: number): boolean {
  if (!TERMINAL_STATUSES.includes(view.status)) return true
  return view.status === 'closed' && view.reportedAt >= now - RATE_WINDOW_MS
}
