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
