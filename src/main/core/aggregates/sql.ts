import { LIVE_CLOCK, TERMINAL_STATUSES } from '@shared/domain'

/**
 * SQL fragments for the live-window rules of src/shared/domain/assessment/window.ts and
 * incident.ts, written once so the aggregates and the drill-downs cannot drift
 * apart. Each names the domain function it mirrors.
 */
const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(',')

export const TERMINAL_SQL = list(TERMINAL_STATUSES)
/** isOpen */
export const OPEN_SQL = `status NOT IN (${TERMINAL_SQL})`
/** The assignee when it is a department (teams are not departments in the league table). */
export const DEPT_SQL = `CASE WHEN assignee_kind = 'department' THEN assignee_id END`
/** assessmentDue on the live clock (LIVE_CLOCK): NULL until the case is dispatched. */
export const DUE_SQL =
  LIVE_CLOCK === 'original' ? `(first_deadline + extended_ms + credited_suspended_ms)` : `(deadline + suspended_ms)`
/** inSuspension on the live clock: 缓办 that takes the case out of the denominator. */
export const IN_SUSPENSION_SQL =
  LIVE_CLOCK === 'original' ? `(suspended = 1 AND suspension_credited = 1)` : `(suspended = 1)`
/** isClosedDue: a closed case is always due. */
export const CLOSED_DUE_SQL = `(status = 'closed' AND dispatched_at IS NOT NULL)`
/** closedOnTime */
export const CLOSED_ON_TIME_SQL = `(${CLOSED_DUE_SQL} AND closed_at IS NOT NULL AND ${DUE_SQL} IS NOT NULL AND closed_at <= ${DUE_SQL})`
/** isOverdue at ? (operational: the latest deadline; the console's 已超期): open, not suspended, past it. */
export const OVERDUE_SQL = `(${OPEN_SQL} AND suspended = 0 AND deadline IS NOT NULL AND ? > deadline + suspended_ms)`
/** isLate at ?: open, not in 缓办, past its due time (the overdue tile, and the open part of the denominator). */
export const LATE_SQL = `(${OPEN_SQL} AND NOT ${IN_SUSPENSION_SQL} AND ${DUE_SQL} IS NOT NULL AND ${DUE_SQL} < ?)`
/**
 * The denominator of both rates at ? (the window start, then now): closed cases reported in the
 * window, and every open case past its due time not in 缓办, wherever it was reported.
 */
export const ASSESSED_SQL = `((reported_at >= ? AND ${CLOSED_DUE_SQL}) OR ${LATE_SQL})`

/** Per (district day of report, town, category, department): what never changes with the clock. */
export const DAY_PARTIALS_SQL = `
SELECT (reported_at + ?) / 86400000 AS day, town_id AS town, category, ${DEPT_SQL} AS dept,
  count(*) AS reported,
  sum(${CLOSED_DUE_SQL}) AS closed,
  sum(${CLOSED_ON_TIME_SQL}) AS closed_on_time,
  sum(rework_count) AS rework,
  sum(rework_count > 0) AS reworked
FROM incidents WHERE reported_at >= ? AND reported_at < ?
GROUP BY day, town, category, dept`

/** Closed per district day (closed_at is set once: closed is terminal). */
export const CLOSED_DAYS_SQL = `
SELECT (closed_at + ?) / 86400000 AS day, count(*) AS n
FROM incidents WHERE closed_at >= ? AND closed_at < ? GROUP BY day`

export const REPORTED_HOURS_SQL = `
SELECT (reported_at + ?) / 3600000 AS hour, count(*) AS n FROM incidents WHERE reported_at >= ? GROUP BY hour`
export const CLOSED_HOURS_SQL = `
SELECT (closed_at + ?) / 3600000 AS hour, count(*) AS n FROM incidents WHERE closed_at >= ? GROUP BY hour`

/** The columns an open case contributes with (its time-dependent figures are evaluated in memory). */
export const FACT_COLUMNS = `id, status, town_id, grid_id, category, ${DEPT_SQL} AS dept, reported_at, dispatched_at, ${DUE_SQL} AS due_at, ${IN_SUSPENSION_SQL} AS in_suspension, suspended, closed_at, rework_count`
export const OPEN_FACTS_SQL = `SELECT ${FACT_COLUMNS} FROM incidents WHERE ${OPEN_SQL}`
