import type { SqlExecutor, SqlParam } from '@infra/sqlite'
import type { DrillKey, DrillResult } from '@shared/contract'
import { CATEGORIES } from '@shared/domain'
import { ASSESSED_SQL, CLOSED_DUE_SQL, CLOSED_ON_TIME_SQL, LATE_SQL, OPEN_SQL } from './sql'
import { clockFor, dayIndex, dayStart, type Clock } from './time-buckets'

/** The most ids a drill-down returns (the console's filter accepts up to this many). */
export const DRILL_LIMIT = 100_000

/**
 * The WHERE clause selecting exactly the incidents behind one number: the same
 * SQL fragments the aggregates count with, at the same instant and window.
 */
export function drillWhere(
  key: DrillKey,
  now: number,
  windowDays: number,
  clock: Clock = clockFor(),
  /** metric `assessment`: the ids the assessment judged behind the line (assessmentCaseIds). */
  assessed: readonly string[] = [],
): { where: string; params: SqlParam[] } {
  const parts: string[] = []
  const params: SqlParam[] = []
  const add = (sql: string, ...p: SqlParam[]) => {
    parts.push(sql)
    params.push(...p)
  }
  const today = dayIndex(clock, now)
  const windowStart = dayStart(clock, today - windowDays + 1)
  const todayStart = dayStart(clock, today)
  const bucket = key.from !== undefined || key.to !== undefined
  const inWindow = () => {
    if (bucket && key.metric === 'reported') {
      if (key.from !== undefined) add('reported_at >= ?', key.from)
      if (key.to !== undefined) add('reported_at < ?', key.to)
    } else add('reported_at >= ?', windowStart)
  }
  if (key.townId) add('town_id = ?', key.townId)
  if (key.gridId) add('grid_id = ?', key.gridId)
  if (key.category) add('category = ?', key.category)
  if (key.area) {
    const cats = CATEGORIES.filter((c) => c.area === key.area).map((c) => c.id)
    add(`category IN (${cats.map(() => '?').join(',')})`, ...cats)
  }
  if (key.departmentId) add(`assignee_kind = 'department' AND assignee_id = ?`, key.departmentId)
  if (key.bbox) {
    const [west, south, east, north] = key.bbox
    add('lng >= ? AND lng <= ? AND lat >= ? AND lat <= ?', west, east, south, north)
  }
  switch (key.metric) {
    case 'reported_today':
      add('reported_at >= ?', todayStart)
      break
    case 'open':
      add(OPEN_SQL)
      break
    case 'overdue':
      add(LATE_SQL, now)
      break
    // Rectification's "found" is the assessed population of a hazard category (scope it with one).
    case 'assessed':
    case 'found':
      add(ASSESSED_SQL, windowStart, now)
      break
    case 'late':
      add(ASSESSED_SQL, windowStart, now)
      add(`NOT ${CLOSED_ON_TIME_SQL}`)
      break
    case 'closed':
      if (bucket) {
        // A trend bucket counts cases closed in it, whenever they were reported.
        if (key.from !== undefined) add('closed_at >= ?', key.from)
        if (key.to !== undefined) add('closed_at < ?', key.to)
      } else {
        inWindow()
        add(CLOSED_DUE_SQL)
      }
      break
    case 'reported':
      inWindow()
      break
    case 'reworked':
      inWindow()
      add('rework_count > 0')
      break
    case 'unrectified':
      // Found and not closed: the late open ones.
      add(LATE_SQL, now)
      break
    case 'assessment':
      add('id IN (SELECT value FROM json_each(?))', JSON.stringify(assessed))
      break
  }
  return { where: parts.length > 0 ? `WHERE ${parts.join(' AND ')}` : '', params }
}

export async function drill(
  db: SqlExecutor,
  key: DrillKey,
  now: number,
  windowDays: number,
  clock?: Clock,
  assessed?: readonly string[],
): Promise<DrillResult> {
  const { where, params } = drillWhere(key, now, windowDays, clock, assessed)
  const rows = await db.all(`SELECT id FROM incidents ${where} ORDER BY reported_at DESC, id LIMIT ?`, [
    ...params,
    DRILL_LIMIT,
  ])
  const total = Number((await db.get(`SELECT count(*) AS n FROM incidents ${where}`, params))?.n ?? 0)
  const ids = rows.map((r) => String(r.id))
  return { key, ids, filter: { ids }, total, computedAt: now }
}
