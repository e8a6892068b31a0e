import type { SqlParam } from '@infra/sqlite'
import type {
  BuiltinViewId,
  DateCondition,
  DateFilter,
  NumberCondition,
  NumberFilter,
  QuickWord,
  TableFilters,
  TableQuery,
  TableSort,
  TableSortColumn,
  TextCondition,
  TextFilter,
} from '@shared/contract'
import { NO_ASSIGNEE } from '@shared/contract'
import { AWAITING_DISPATCH, RECTIFICATION_CATEGORIES } from '@shared/domain'
import { OPEN_SQL, OVERDUE_SQL } from '../aggregates/sql'
import { DEADLINE_ASC_SQL, DEADLINE_DESC_SQL, EFFECTIVE_DEADLINE_SQL, PRIORITY_RANK_SQL } from './sort-expressions'

/**
 * The console table's query (src/shared/contract/requests/table.ts) as SQL over
 * the `incidents` table: one WHERE clause (view, drill-down, column filters,
 * quick filter; all AND) and one ORDER BY whose every key has an index ending in
 * reported_at (schema.ts), so a block at any offset is read in index order.
 * Values are always bound, never spliced; only this module's own constants are.
 */

/**
 * The column each sortable table column is ordered by (an expression for two of them); the deadline's
 * depends on the direction (sortSql), so finished cases come last either way.
 */
const SORT_SQL: Record<Exclude<TableSortColumn, 'deadline'>, string> = {
  code: 'code',
  priority: PRIORITY_RANK_SQL,
  status: 'status',
  category: 'category',
  title: 'title',
  town: 'town_id',
  grid: 'grid_id',
  assignee: 'assignee_id',
  reportedAt: 'reported_at',
  escalation: 'escalation_level',
  rework: 'rework_count',
  source: 'source',
  address: 'address',
}

/** The expression a sort key orders by. */
export function sortSql(col: TableSortColumn, dir: 'asc' | 'desc'): string {
  if (col === 'deadline') return dir === 'asc' ? DEADLINE_ASC_SQL : DEADLINE_DESC_SQL
  return SORT_SQL[col]
}

/** Commands this workstation queued and the server has not answered yet, per case (the pending column). */
const PENDING_SQL = `(SELECT count(*) FROM outbox o WHERE o.incident_id = incidents.id AND o.acked_seq IS NULL)`

const NUMBER_SQL = { pending: PENDING_SQL, escalation: 'escalation_level', rework: 'rework_count' } as const
const DATE_SQL = { reportedAt: 'reported_at', deadline: EFFECTIVE_DEADLINE_SQL } as const
const TEXT_SQL = { code: 'code', title: 'title', address: 'address' } as const
const SET_SQL = {
  status: 'status',
  priority: 'priority',
  category: 'category',
  source: 'source',
  town: 'town_id',
  grid: 'grid_id',
} as const

const quote = (values: readonly string[]) => values.map((v) => `'${v}'`).join(',')
const HAZARDS_SQL = `(category IN (${quote(RECTIFICATION_CATEGORIES)}) AND ${OPEN_SQL})`

/** A built-in view's condition (the same rules the renderer's view tabs always used; see saved-views). */
function viewSql(view: BuiltinViewId, myTowns: TableQuery['myTowns'], now: number, out: Where): void {
  switch (view) {
    case 'all':
      return
    case 'awaiting':
      out.add(`status IN (${quote(AWAITING_DISPATCH)})`)
      return
    case 'my_town':
      if (myTowns !== '*') out.add(inList('town_id', myTowns, out.params))
      return
    case 'overdue':
      out.add(OVERDUE_SQL, now)
      return
    case 'hazards':
      out.add(HAZARDS_SQL)
      return
    case 'rework':
      out.add(`(rework_count > 0 AND ${OPEN_SQL})`)
      return
  }
}

class Where {
  readonly parts: string[] = []
  readonly params: SqlParam[] = []
  add(sql: string, ...params: SqlParam[]): void {
    this.parts.push(sql)
    this.params.push(...params)
  }
}

function inList(column: string, values: readonly string[], params: SqlParam[]): string {
  if (values.length === 0) return '0'
  params.push(...values)
  return `${column} IN (${values.map(() => '?').join(',')})`
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`)

/** AG Grid's text conditions, case-insensitive as the grid's own filter (LIKE, ASCII letters). */
function textSql(column: string, c: TextCondition, params: SqlParam[]): string {
  const like = (pattern: string, not = false) => {
    params.push(pattern)
    return `${column} ${not ? 'NOT ' : ''}LIKE ? ESCAPE '\\'`
  }
  const v = escapeLike(c.value)
  switch (c.op) {
    case 'blank':
      return `(${column} IS NULL OR ${column} = '')`
    case 'notBlank':
      return `(${column} IS NOT NULL AND ${column} <> '')`
    case 'contains':
      return c.value ? like(`%${v}%`) : '1'
    case 'notContains':
      return c.value ? like(`%${v}%`, true) : '1'
    case 'equals':
      return like(v)
    case 'notEqual':
      return like(v, true)
    case 'startsWith':
      return c.value ? like(`${v}%`) : '1'
    case 'endsWith':
      return c.value ? like(`%${v}`) : '1'
  }
}

/** AG Grid's number conditions; `between` excludes its ends, as the grid's inRange does. */
function numberSql(column: string, c: NumberCondition, params: SqlParam[]): string {
  if (c.op === 'blank') return '0' // these columns always hold a number
  if (c.op === 'notBlank') return '1'
  if (c.value === undefined) return '1'
  if (c.op === 'between') {
    if (c.to === undefined) return '1'
    params.push(c.value, c.to)
    return `(${column} > ? AND ${column} < ?)`
  }
  const op = { eq: '=', ne: '<>', lt: '<', le: '<=', gt: '>', ge: '>=' }[c.op]
  params.push(c.value)
  return `${column} ${op} ?`
}

/** Day conditions over ms bounds the renderer computed in the operator's time zone (see DATE_OPS). */
function dateSql(column: string, c: DateCondition, params: SqlParam[]): string {
  const { from, to } = c
  switch (c.op) {
    case 'blank':
      return `${column} IS NULL`
    case 'notBlank':
      return `${column} IS NOT NULL`
    case 'before':
      if (from === undefined) return '1'
      params.push(from)
      return `${column} < ?`
    case 'after':
      if (to === undefined) return '1'
      params.push(to)
      return `${column} >= ?`
    case 'on':
    case 'between':
      if (from === undefined || to === undefined) return '1'
      params.push(from, to)
      return `(${column} >= ? AND ${column} < ?)`
    case 'notOn':
      if (from === undefined || to === undefined) return '1'
      params.push(from, to)
      return `(${column} IS NOT NULL AND NOT (${column} >= ? AND ${column} < ?))`
  }
}

function joined<C>(filter: C | { join: 'and' | 'or'; of: C[] }, one: (c: C) => string): string {
  if (typeof filter === 'object' && filter !== null && 'join' in filter) {
    return `(${filter.of.map(one).join(filter.join === 'and' ? ' AND ' : ' OR ')})`
  }
  return one(filter)
}

function filtersSql(filters: TableFilters, out: Where): void {
  const p = out.params
  for (const [key, column] of Object.entries(TEXT_SQL) as [keyof typeof TEXT_SQL, string][]) {
    const f: TextFilter | undefined = filters[key]
    if (f) out.add(joined(f, (c) => textSql(column, c, p)))
  }
  for (const [key, column] of Object.entries(NUMBER_SQL) as [keyof typeof NUMBER_SQL, string][]) {
    const f: NumberFilter | undefined = filters[key]
    if (f) out.add(joined(f, (c) => numberSql(column, c, p)))
  }
  for (const [key, column] of Object.entries(DATE_SQL) as [keyof typeof DATE_SQL, string][]) {
    const f: DateFilter | undefined = filters[key]
    if (f) out.add(joined(f, (c) => dateSql(column, c, p)))
  }
  for (const [key, column] of Object.entries(SET_SQL) as [keyof typeof SET_SQL, string][]) {
    const f = filters[key]
    if (f) out.add(inList(column, f.values, p))
  }
  if (filters.assignee) {
    const ids = filters.assignee.values.filter((v) => v !== NO_ASSIGNEE)
    const none = filters.assignee.values.includes(NO_ASSIGNEE)
    const some = inList('assignee_id', ids, p)
    out.add(none ? `(${some} OR assignee_id IS NULL)` : some)
  }
}

/** One quick-filter word: the text in code, title or address, or one of the values it names by label. */
function quickSql(word: QuickWord, params: SqlParam[]): string {
  const like = `%${escapeLike(word.text.trim())}%`
  const parts = ['code', 'title', 'address'].map((c) => {
    params.push(like)
    return `${c} LIKE ? ESCAPE '\\'`
  })
  const sets: [readonly string[] | undefined, string][] = [
    [word.statuses, 'status'],
    [word.priorities, 'priority'],
    [word.categories, 'category'],
    [word.sources, 'source'],
    [word.towns, 'town_id'],
    [word.grids, 'grid_id'],
    [word.assignees, 'assignee_id'],
  ]
  for (const [values, column] of sets) if (values && values.length > 0) parts.push(inList(column, values, params))
  return `(${parts.join(' OR ')})`
}

/** The members of a drill-down set the core froze (table/drill-sets.ts), on the reading connection. */
export const DRILL_MEMBERS_SQL = `id IN (SELECT incident_id FROM temp.drill_members WHERE set_id = ?)`

/**
 * The query's WHERE clause (with "WHERE", or empty) at `now` (the overdue view reads the clock).
 * `text: false` leaves out the free-text conditions (code, title, address, quick filter), which no
 * index serves: what is left is what an index could narrow (see table-queries.ts).
 */
export function tableWhere(
  query: TableQuery,
  now: number,
  options: { readonly text?: boolean } = {},
): { where: string; params: SqlParam[] } {
  const out = new Where()
  viewSql(query.view, query.myTowns, now, out)
  if (query.drill !== null) out.add(DRILL_MEMBERS_SQL, query.drill)
  // Arrivals after the console's watermark wait behind its "N new" pill (the rowid is the arrival order).
  if (query.arrivedUpTo !== null) out.add('rowid <= ?', query.arrivedUpTo)
  const text = options.text ?? true
  filtersSql(text ? query.filters : { ...query.filters, code: undefined, title: undefined, address: undefined }, out)
  if (text) for (const word of query.quick) if (word.text.trim()) out.add(quickSql(word, out.params))
  return { where: out.parts.length > 0 ? `WHERE ${out.parts.join(' AND ')}` : '', params: out.params }
}

/** The index whose order each sort key reads (schema.ts), for INDEXED BY (the deadline's: sortIndex). */
const SORT_INDEX: Record<Exclude<TableSortColumn, 'deadline'>, string> = {
  code: 'incidents_code_sort_idx',
  priority: 'incidents_priority_sort_idx',
  status: 'incidents_status_idx',
  category: 'incidents_category_idx',
  title: 'incidents_title_sort_idx',
  town: 'incidents_town_idx',
  grid: 'incidents_grid_sort_idx',
  assignee: 'incidents_assignee_sort_idx',
  reportedAt: 'incidents_reported_idx',
  escalation: 'incidents_escalation_sort_idx',
  rework: 'incidents_rework_sort_idx',
  source: 'incidents_source_sort_idx',
  address: 'incidents_address_sort_idx',
}

/** The index a sort key's order is read from, in that direction. */
export function sortIndex(col: TableSortColumn, dir: 'asc' | 'desc'): string {
  if (col === 'deadline') return dir === 'asc' ? 'incidents_deadline_asc_sort_idx' : 'incidents_deadline_desc_sort_idx'
  return SORT_INDEX[col]
}

/**
 * The query's ORDER BY: its sort keys, then the report time and the cache's row order as
 * tie-breakers in the first key's direction (newest first when nothing is sorted), so that the
 * order is total (blocks never overlap or skip a row) and matches one index end to end.
 */
export function tableOrder(sort: readonly TableSort[]): string {
  const keys = sort.length > 0 ? sort : [{ col: 'reportedAt', dir: 'desc' } as const]
  const last = keys[0]!.dir === 'asc' ? 'ASC' : 'DESC'
  const terms = keys.map((k) => `${sortSql(k.col, k.dir)} ${k.dir === 'asc' ? 'ASC' : 'DESC'}`)
  if (!keys.some((k) => k.col === 'reportedAt')) terms.push(`reported_at ${last}`)
  terms.push(`rowid ${last}`)
  return `ORDER BY ${terms.join(', ')}`
}
