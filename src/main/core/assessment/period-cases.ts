import type { SqlExecutor } from '@infra/sqlite'
import type { AssessedCase, RuleSet, Span } from '@shared/domain'

type Key = keyof AssessedCase
const FIELDS: readonly (readonly [Key, string, 'text' | 'num' | 'bool'])[] = [
  ['id', 'id', 'text'],
  ['status', 'status', 'text'],
  ['category', 'category', 'text'],
  ['priority', 'priority', 'text'],
  ['townId', 'town_id', 'text'],
  ['gridId', 'grid_id', 'text'],
  ['reportedAt', 'reported_at', 'num'],
  ['intakeAt', 'intake_at', 'num'],
  ['intakeBy', 'intake_by', 'text'],
  ['firstDispatchedAt', 'first_dispatched_at', 'num'],
  ['dispatchedBy', 'dispatched_by', 'text'],
  ['assigneeKind', 'assignee_kind', 'text'],
  ['assigneeId', 'assignee_id', 'text'],
  ['resolvedAt', 'resolved_at', 'num'],
  ['verifiedAt', 'verified_at', 'num'],
  ['closedAt', 'closed_at', 'num'],
  ['reworkCount', 'rework_count', 'num'],
  ['deadline', 'deadline', 'num'],
  ['suspendedMs', 'suspended_ms', 'num'],
  ['suspended', 'suspended', 'bool'],
  ['firstDeadline', 'first_deadline', 'num'],
  ['extendedMs', 'extended_ms', 'num'],
  ['creditedSuspendedMs', 'credited_suspended_ms', 'num'],
  ['suspensionCredited', 'suspension_credited', 'bool'],
]

const HOUR = 3_600_000
/** Rows per read: one string of JSON arrays per chunk (node-sqlite3 builds one JS object per row otherwise). */
const CHUNK = 25_000

/**
 * The cases that can count in a period, by a WHERE clause that is a superset of the period's
 * population (docs/assessment.md §4; the ledger then judges each exactly). Every step falls due at
 * or after the report, so a case reported after the period cannot count. One reported before it
 * counts when it is still open (a carried step), or when one of its steps fell due in the period:
 * the intake, dispatch and verify steps fall due at most their limit after a moment the case was
 * changed (so `updated_at` ≥ period start − the longest limit), the handling and closing steps at
 * the deadline (either clock).
 */
export function periodCasesWhere(period: Span, rules: RuleSet): { sql: string; params: number[] } {
  const { intakeHours, dispatchHours, verifyHours } = rules.limits
  const longest = Math.max(intakeHours, dispatchHours, verifyHours) * HOUR
  return {
    sql: `reported_at < ? AND (status NOT IN ('closed', 'rejected', 'merged') OR updated_at >= ?
      OR first_deadline + extended_ms + credited_suspended_ms >= ? OR deadline + suspended_ms >= ?)`,
    params: [period.to, period.from - longest, period.from, period.from],
  }
}

const ARRAY = `json_array(${FIELDS.map(([, col]) => col).join(', ')})`

const num = (x: unknown): number | null => (x === null || x === undefined ? null : (x as number))
const text = (x: unknown): string | null => (x === null || x === undefined ? null : (x as string))

/**
 * One row of FIELDS' values as an AssessedCase, written as one literal so every case has the same
 * hidden class (keys added one by one in a loop left a million objects in dictionary mode, slow to
 * build and to read in the judging loop).
 */
function fromArray(v: readonly unknown[]): AssessedCase {
  return {
    id: v[0] as string,
    status: v[1] as AssessedCase['status'],
    category: v[2] as AssessedCase['category'],
    priority: v[3] as AssessedCase['priority'],
    townId: v[4] as string,
    gridId: v[5] as string,
    reportedAt: v[6] as number,
    intakeAt: num(v[7]),
    intakeBy: text(v[8]),
    firstDispatchedAt: num(v[9]),
    dispatchedBy: text(v[10]),
    assigneeKind: text(v[11]) as AssessedCase['assigneeKind'],
    assigneeId: text(v[12]),
    resolvedAt: num(v[13]),
    verifiedAt: num(v[14]),
    closedAt: num(v[15]),
    reworkCount: v[16] as number,
    deadline: num(v[17]),
    suspendedMs: v[18] as number,
    suspended: v[19] === 1,
    firstDeadline: num(v[20]),
    extendedMs: v[21] as number,
    creditedSuspendedMs: v[22] as number,
    suspensionCredited: v[23] === 1,
  }
}

/** The period's cases (see periodCasesWhere), read in chunks of JSON arrays built by SQLite. */
export async function loadPeriodCases(db: SqlExecutor, period: Span, rules: RuleSet): Promise<AssessedCase[]> {
  const where = periodCasesWhere(period, rules)
  const out: AssessedCase[] = []
  let after = -1
  for (;;) {
    const row = await db.get(
      `SELECT '[' || group_concat(r) || ']' AS rows, max(k) AS last, count(*) AS n FROM (
         SELECT rowid AS k, ${ARRAY} AS r FROM incidents WHERE rowid > ? AND ${where.sql} ORDER BY rowid LIMIT ?)`,
      [after, ...where.params, CHUNK],
    )
    const n = Number(row?.n ?? 0)
    if (n === 0) break
    for (const v of JSON.parse(String(row?.rows)) as unknown[][]) out.push(fromArray(v))
    after = Number(row?.last)
    if (n < CHUNK) break
  }
  return out
}

/** The cases with these ids (after a change), in the same shape. */
export async function loadCases(db: SqlExecutor, ids: readonly string[]): Promise<AssessedCase[]> {
  const out: AssessedCase[] = []
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500)
    const rows = await db.all(
      `SELECT ${ARRAY} AS r FROM incidents WHERE id IN (${chunk.map(() => '?').join(',')})`,
      chunk,
    )
    for (const r of rows) out.push(fromArray(JSON.parse(String(r.r)) as unknown[]))
  }
  return out
}
