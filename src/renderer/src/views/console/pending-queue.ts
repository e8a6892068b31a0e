import { acceptanceLimit, type CategoryId, type IncidentStatus } from '@shared/domain'

/**
 * The pending queue (the "awaiting dispatch" view): the order an operator works
 * it in — priority, then oldest first — and how long each report has waited
 * against its category's acceptance limit.
 */

/** The pending view's sort, as the grid's column state (the core sorts: priority rank, then report time). */
export const QUEUE_SORT = [
  { colId: 'priority', sort: 'asc' as const, sortIndex: 0 },
  { colId: 'reportedAt', sort: 'asc' as const, sortIndex: 1 },
]
/** Every other view's sort: newest first (the column definitions' default). */
export const DEFAULT_SORT = [{ colId: 'reportedAt', sort: 'desc' as const, sortIndex: 0 }]
/** Columns only the pending view shows. */
export const QUEUE_COLUMNS = ['waiting', 'acceptBy'] as const

/** The grid's column state for a built-in view: its sort, and the queue's columns shown only in the queue. */
export function queueLayout(queue: boolean) {
  return {
    state: [...(queue ? QUEUE_SORT : DEFAULT_SORT), ...QUEUE_COLUMNS.map((colId) => ({ colId, hide: !queue }))],
    defaultState: { sort: null },
  }
}

export interface Acceptance {
  /** Time since the report, ms. */
  readonly waitingMs: number
  /** When it must be accepted by; null once it has been (only a reported case is waiting for acceptance). */
  readonly limit: number | null
  /** Past the limit and still not accepted. */
  readonly overdue: boolean
}

export function acceptance(
  c: { readonly category: CategoryId; readonly status: IncidentStatus; readonly reportedAt: number },
  now: number,
): Acceptance {
  const limit = c.status === 'reported' ? acceptanceLimit(c.category, c.reportedAt) : null
  return { waitingMs: Math.max(0, now - c.reportedAt), limit, overdue: limit !== null && now > limit }
}
