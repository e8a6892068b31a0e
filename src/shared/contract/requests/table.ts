import { z } from 'zod'
import { CATEGORY_IDS, PRIORITIES, SOURCES, STATUSES } from '../../domain'
import { request } from '../define'
import type { IncidentView } from '../views'
import { LOCALES } from './app'
import { BUILTIN_VIEW_IDS, type BuiltinViewId } from './console'
import { drillKeySchema } from './situation'

/**
 * The console table over the core's SQLite (AG Grid's Infinite Row Model in the
 * renderer): the renderer describes what it shows as a typed query — a built-in
 * view, column filters, the quick filter, a drill-down the core holds, the sort —
 * and asks for blocks of rows; the core turns the query into one indexed SQL
 * statement (src/main/core/store/table-sql.ts). Counts and the CSV export come
 * from the core too, so the renderer never holds more than the rows on screen.
 */

const id = z.string().min(1).max(64)

/** The table's columns, by the grid's column id. */
export const TABLE_COLUMNS = [
  'code',
  'priority',
  'status',
  'pending',
  'deadline',
  'category',
  'title',
  'town',
  'grid',
  'assignee',
  'reportedAt',
  'escalation',
  'rework',
  'source',
  'address',
] as const
export type TableColumn = (typeof TABLE_COLUMNS)[number]

/** Columns the core sorts by (each has an index; `pending` lives in the outbox, not the cache). */
export const TABLE_SORT_COLUMNS = [
  'code',
  'priority',
  'status',
  'deadline',
  'category',
  'title',
  'town',
  'grid',
  'assignee',
  'reportedAt',
  'escalation',
  'rework',
  'source',
  'address',
] as const satisfies readonly TableColumn[]
export type TableSortColumn = (typeof TABLE_SORT_COLUMNS)[number]

/** Free-text columns: AG Grid's text filter conditions. */
export const TEXT_OPS = [
  'contains',
  'notContains',
  'equals',
  'notEqual',
  'startsWith',
  'endsWith',
  'blank',
  'notBlank',
] as const
export const NUMBER_OPS = ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'between', 'blank', 'notBlank'] as const
/**
 * Date conditions over whole days; `from`/`to` are the day bounds in ms the renderer computed in the
 * operator's time zone: `on` = [from, to), `notOn` outside it, `before` < from, `after` ≥ to,
 * `between` [from, to).
 */
export const DATE_OPS = ['on', 'notOn', 'before', 'after', 'between', 'blank', 'notBlank'] as const

const textCondition = z.object({
  kind: z.literal('text'),
  op: z.enum(TEXT_OPS),
  value: z.string().max(200).default(''),
})
const numberCondition = z.object({
  kind: z.literal('number'),
  op: z.enum(NUMBER_OPS),
  value: z.number().finite().optional(),
  to: z.number().finite().optional(),
})
const dateCondition = z.object({
  kind: z.literal('date'),
  op: z.enum(DATE_OPS),
  from: z.number().int().optional(),
  to: z.number().int().optional(),
})
/** Up to four conditions of one kind joined by AND or OR (AG Grid's two-condition filters). */
function joinable<T extends z.ZodType>(condition: T) {
  return z.union([condition, z.object({ join: z.enum(['and', 'or']), of: z.array(condition).min(1).max(4) })])
}
/** The values a column may take (checkboxes, or what a text condition matched among the labels). */
function setOf<T extends z.ZodType>(value: T, max: number) {
  return z.object({ kind: z.literal('set'), values: z.array(value).max(max) })
}

export const textFilterSchema = joinable(textCondition)
export const numberFilterSchema = joinable(numberCondition)
export const dateFilterSchema = joinable(dateCondition)
export type TextFilter = z.infer<typeof textFilterSchema>
export type NumberFilter = z.infer<typeof numberFilterSchema>
export type DateFilter = z.infer<typeof dateFilterSchema>
export type TextCondition = z.infer<typeof textCondition>
export type NumberCondition = z.infer<typeof numberCondition>
export type DateCondition = z.infer<typeof dateCondition>

/** An unassigned case's assignee in a set filter. */
export const NO_ASSIGNEE = ''

/** Column filters, each in the model its column understands (one column: one filter; all AND). */
export const tableFiltersSchema = z
  .object({
    code: textFilterSchema,
    title: textFilterSchema,
    address: textFilterSchema,
    status: setOf(z.enum(STATUSES), STATUSES.length),
    priority: setOf(z.enum(PRIORITIES), PRIORITIES.length),
    category: setOf(z.enum(CATEGORY_IDS), CATEGORY_IDS.length),
    source: setOf(z.enum(SOURCES), SOURCES.length),
    town: setOf(id, 500),
    grid: setOf(id, 10_000),
    assignee: setOf(z.union([id, z.literal(NO_ASSIGNEE)]), 5_000),
    pending: numberFilterSchema,
    escalation: numberFilterSchema,
    rework: numberFilterSchema,
    reportedAt: dateFilterSchema,
    deadline: dateFilterSchema,
  })
  .partial()
  .strict()
export type TableFilters = z.infer<typeof tableFiltersSchema>
export type SetFilter<V extends string = string> = { readonly kind: 'set'; readonly values: readonly V[] }

/**
 * One word of the quick filter: it matches a case whose code, title or address contains the text, or
 * whose value in any of the listed columns is one of those the renderer found by label (a status,
 * town or department named like the word). Every word must match (as AG Grid's quick filter).
 */
export const quickWordSchema = z.object({
  text: z.string().min(1).max(100),
  statuses: z.array(z.enum(STATUSES)).max(STATUSES.length).optional(),
  priorities: z.array(z.enum(PRIORITIES)).max(PRIORITIES.length).optional(),
  categories: z.array(z.enum(CATEGORY_IDS)).max(CATEGORY_IDS.length).optional(),
  sources: z.array(z.enum(SOURCES)).max(SOURCES.length).optional(),
  towns: z.array(id).max(500).optional(),
  grids: z.array(id).max(10_000).optional(),
  assignees: z.array(id).max(5_000).optional(),
})
export type QuickWord = z.infer<typeof quickWordSchema>

export const tableSortSchema = z.object({ col: z.enum(TABLE_SORT_COLUMNS), dir: z.enum(['asc', 'desc']) })
export type TableSort = z.infer<typeof tableSortSchema>

/** Everything that decides which rows the table shows, in which order. */
export const tableQuerySchema = z.object({
  view: z.enum(BUILTIN_VIEW_IDS).default('all'),
  /** The "my town" view's towns: the operator's scope, or the home town picked on a city-wide desk. */
  myTowns: z.union([z.literal('*'), z.array(id).max(500)]).default('*'),
  filters: tableFiltersSchema.default({}),
  quick: z.array(quickWordSchema).max(10).default([]),
  /** A drill-down's frozen set of cases, held by the core (`table.drill`). */
  drill: z.string().min(1).max(64).nullable().default(null),
  /** Sort keys in order; ties fall back to the report time (then the cache's row order) in the first key's direction. */
  sort: z.array(tableSortSchema).max(3).default([]),
  /**
   * Only cases the cache received up to this arrival number (`TableCounts.lastArrival`); null: all.
   * The console holds its rows still this way while the operator works: later arrivals wait behind
   * its "N new" pill (`TableCounts.newer`).
   */
  arrivedUpTo: z.number().int().nonnegative().nullable().default(null),
})
export type TableQuery = z.output<typeof tableQuerySchema>
export type TableQueryInput = z.input<typeof tableQuerySchema>

/** Most rows one block request returns. */
export const TABLE_MAX_BLOCK = 1000

/** The CSV export's columns, in order. */
export const CSV_COLUMNS = [
  'code',
  'priority',
  'status',
  'pending',
  'category',
  'title',
  'town',
  'grid',
  'assignee',
  'reportedAt',
  'deadline',
  'escalation',
  'rework',
  'source',
  'address',
] as const satisfies readonly TableColumn[]
export type CsvColumn = (typeof CSV_COLUMNS)[number]

/**
 * What the export writes in the operator's language: column headers and the labels of coded values
 * (`status.closed`, `category.gas_safety`, `actions.dispatch`…); place and unit names come from the
 * reference data in `locale`; times are written in the operator's time zone.
 */
export const csvLabelsSchema = z.object({
  locale: z.enum(LOCALES),
  /** Minutes east of UTC (China: 480). */
  tzOffsetMinutes: z
    .number()
    .int()
    .min(-14 * 60)
    .max(14 * 60),
  headers: z.partialRecord(z.enum(CSV_COLUMNS), z.string().max(60)),
  values: z.record(z.string().max(80), z.string().max(80)).refine((v) => Object.keys(v).length <= 400),
})
export type CsvLabels = z.infer<typeof csvLabelsSchema>

export interface TableBlock {
  readonly rows: IncidentView[]
  /** Fewer rows than asked: the query ends inside this block (its last row is the last one). */
  readonly end: boolean
  /** The cache's cursor the block was read at. */
  readonly cursor: number
}

export interface TableCounts {
  /** Cases the query matches. */
  readonly count: number
  /** Cases in the cache. */
  readonly cached: number
  readonly cursor: number
  /** Cases the query would match among those that arrived after its `arrivedUpTo` (0 when it has none). */
  readonly newer: number
  /**
   * The cache's latest arrival number: each case gets the next one when the cache first receives it
   * (its SQLite rowid), so cases with a higher number arrived later.
   */
  readonly lastArrival: number
}

export interface TableChanges {
  /** The changed cases asked about, as they are now (overlaid), whether or not they still match. */
  readonly rows: IncidentView[]
  /** The ids the query puts in the range asked about, in order (fewer at the end of the data). */
  readonly ids: string[]
  readonly cursor: number
}

export const tableRequests = {
  /** One block of rows: `limit` rows from `offset` in the query's order. */
  'table.rows': request<TableBlock>()(
    z.object({
      query: tableQuerySchema,
      offset: z.number().int().nonnegative(),
      limit: z.number().int().positive().max(TABLE_MAX_BLOCK),
    }),
  ),
  'table.count': request<TableCounts>()(z.object({ query: tableQuerySchema })),
  /**
   * After a change notice: the changed cases the table holds, and which ids now fill the range it has
   * loaded, so it patches rows in place when the order there did not move and reloads only then.
   */
  'table.changed': request<TableChanges>()(
    z.object({
      query: tableQuerySchema,
      ids: z.array(id).max(5000),
      offset: z.number().int().nonnegative(),
      limit: z
        .number()
        .int()
        .nonnegative()
        .max(5 * TABLE_MAX_BLOCK),
    }),
  ),
  /** The built-in views' counts (the tabs' badges). */
  'table.viewCounts': request<Record<BuiltinViewId, number>>()(
    z.object({ myTowns: z.union([z.literal('*'), z.array(id).max(500)]).default('*') }),
  ),
  /** Freezes the cases behind a dashboard number in the core; queries name it as `drill`. */
  'table.drill': request<{ drill: string; total: number; computedAt: number }>()(z.object({ key: drillKeySchema })),
  /** Starts a CSV export of every row the query matches, in its order (read in chunks with `table.exportNext`). */
  'table.exportStart': request<{ exportId: string; total: number }>()(
    z.object({ query: tableQuerySchema, labels: csvLabelsSchema }),
  ),
  /** The next chunk of CSV text (the first one starts with the BOM and the header line). */
  'table.exportNext': request<{ text: string; rows: number; done: boolean }>()(z.object({ exportId: id })),
  'table.exportCancel': request<{ cancelled: boolean }>()(z.object({ exportId: id })),
}
