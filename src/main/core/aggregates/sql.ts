import { TERMINAL_STATUSES } from '@shared/domain'

/**
 * SQL fragments for the assessment rules of src/shared/domain/assessment.ts and
 * incident.ts, written once so the aggregates and the drill-downs cannot drift
 * apart. Each names the domain function it mirrors.
 */
const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(',')

export const TERMINAL_SQL = list(TERMINAL_STATUSES)
/** isOpen */
export const OPEN_SQL = `status NOT IN (${TERMINAL_SQL})`
/** The assignee when it is a department (teams are not departments in the league table). */
export const DEPT_SQL = `CASE WHEN assignee_kind = 'department' THEN assignee_id END`
/** assessRectification's "found": accepted into handling (not reported-only, rejected or merged). */
export const FOUND_SQL = `status NOT IN ('rejected','merged','reported')`
/** A closed case is always due (isDue). */
export const CLOSED_DUE_SQL = `(status = 'closed' AND dispatched_at IS NOT NULL)`
/** closedOnTime */
export const CLOSED_ON_TIME_SQL = `(${CLOSED_DUE_SQL} AND deadline IS NOT NULL AND closed_at IS NOT NULL AND closed_at <= deadline + suspended_ms)`
/** isOverdue at ?: open, not suspended, past the deadline pushed back by suspended time. */
export const OVERDUE_SQL = `(${OPEN_SQL} AND suspended = 0 AND deadline IS NOT NULL AND ? > deadline + suspended_ms)`
/**
 * isDue at ? minus the suspended ones: the denominator of both rates. An open
 * case is due when deadline + suspended_ms < now (the suspended ones are the
 * ones taken out), a closed one always.
 */
export const ASSESSED_SQL = `(dispatched_at IS NOT NULL AND status NOT IN ('rejected','merged') AND (status = 'closed' OR (suspended = 0 AND deadline IS NOT NULL AND deadline + suspended_ms < ?)))`

/** Per (district day of report, town, category, department): what never changes with the clock. */
export const DAY_PARTIALS_SQL = `
SELECT (reported_at + ?) / 86400000 AS day, town_id AS town, category, ${DEPT_SQL} AS dept,
  count(*) AS reported,
  sum(${FOUND_SQL}) AS found,
  sum(status = 'closed') AS rectified,
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
export const FACT_COLUMNS = `id, status, town_id, grid_id, category, ${DEPT_SQL} AS dept, reported_at, dispatched_at, deadline, suspended_ms, suspended, closed_at, rework_count`
export const OPEN_FACTS_SQL = `SELECT ${FACT_COLUMNS} FROM incidents WHERE ${OPEN_SQL}`
