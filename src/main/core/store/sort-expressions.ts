/**
 * SQL expressions the console table sorts by, shared by the index definitions
 * (schema.ts) and the queries (table-sql.ts): SQLite uses an index on an
 * expression only for the very same expression.
 */

/** 0 = urgent … 3 = low, so ascending puts urgent first (as the table always did). */
export const PRIORITY_RANK_SQL = `(CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END)`

/** The deadline pushed back by time already spent suspended (effectiveDeadline without a running suspension). */
export const EFFECTIVE_DEADLINE_SQL = `(deadline + suspended_ms)`

/**
 * An open case (isOpen), spelled exactly as aggregates/sql.ts's OPEN_SQL: a partial index is used only
 * for a query that has the very same term (a unit test keeps the two equal).
 */
export const OPEN_CASES_SQL = `status NOT IN ('rejected','merged','closed')`

/** Finished cases (closed, rejected, merged) come after every open one when sorted by deadline: 1e15 ms apart. */
const FINISHED_SHIFT = 1_000_000_000_000_000
// Written without commas: drizzle-kit splits an index's expression at every comma.
const FINISHED = `(status = 'closed' OR status = 'rejected' OR status = 'merged')`
const DUE = `(CASE WHEN deadline IS NULL THEN 0 ELSE deadline + suspended_ms END)`

/**
 * The deadline sort key in each direction, so that finished cases come last either way (an index walked
 * forward or backward keeps one order, hence one expression per direction). Ascending: open cases by
 * effective deadline (those with none, awaiting dispatch, first, as SQLite sorts NULL), then finished
 * ones. Descending: open cases latest first, then those awaiting dispatch, then finished ones.
 */
export const DEADLINE_ASC_SQL = `(CASE WHEN ${FINISHED} THEN ${FINISHED_SHIFT} + ${DUE} ELSE deadline + suspended_ms END)`
export const DEADLINE_DESC_SQL = `(CASE WHEN ${FINISHED} THEN ${DUE} - ${FINISHED_SHIFT} WHEN deadline IS NULL THEN ${-FINISHED_SHIFT / 2} ELSE deadline + suspended_ms END)`
