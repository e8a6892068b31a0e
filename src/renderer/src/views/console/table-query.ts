import { districtMidnight } from '@shared/time/district-time'
import {
  NO_ASSIGNEE,
  TABLE_SORT_COLUMNS,
  type BuiltinViewId,
  type DateCondition,
  type DateFilter,
  type NumberCondition,
  type NumberFilter,
  type QuickWord,
  type TableFilters,
  type TableQuery,
  type TableSort,
  type TableSortColumn,
  type TextCondition,
  type TextFilter,
} from '@shared/contract'
import { CATEGORY_IDS, PRIORITIES, SOURCES, STATUSES, type TownScope } from '@shared/domain'

/**
 * The console table's state as the core's typed query (TableQuery): the grid's
 * own filter and sort models (AG Grid's shapes, which saved views store as they
 * are), the view tab, the quick filter and a drill-down. Coded columns (status,
 * town, department…) are filtered by what the operator reads, their label: a
 * text condition over labels becomes the set of codes whose label passes it,
 * which the core turns into `IN (…)`.
 */

/** Labels and names the operator sees, for matching text against coded values. */
export interface Vocabulary {
  readonly status: (id: string) => string
  readonly priority: (id: string) => string
  readonly category: (id: string) => string
  readonly source: (id: string) => string
  readonly towns: readonly { readonly id: string; readonly name: string }[]
  readonly grids: readonly { readonly id: string; readonly name: string }[]
  readonly assignees: readonly { readonly id: string; readonly name: string }[]
}

/** AG Grid filter models as saved views hold them (one condition, or two joined). */
type GridCondition = {
  readonly filterType?: string
  readonly type?: string
  readonly filter?: unknown
  readonly filterTo?: unknown
  readonly dateFrom?: unknown
  readonly dateTo?: unknown
  readonly values?: unknown
}
type GridFilter = GridCondition & { readonly operator?: string; readonly conditions?: readonly GridCondition[] }

const TEXT_TYPES: Record<string, TextCondition['op']> = {
  contains: 'contains',
  notContains: 'notContains',
  equals: 'equals',
  notEqual: 'notEqual',
  startsWith: 'startsWith',
  endsWith: 'endsWith',
  blank: 'blank',
  notBlank: 'notBlank',
}
const NUMBER_TYPES: Record<string, NumberCondition['op']> = {
  equals: 'eq',
  notEqual: 'ne',
  lessThan: 'lt',
  lessThanOrEqual: 'le',
  greaterThan: 'gt',
  greaterThanOrEqual: 'ge',
  inRange: 'between',
  blank: 'blank',
  notBlank: 'notBlank',
}

function conditionsOf(f: GridFilter): { join: 'and' | 'or'; list: readonly GridCondition[] } {
  if (f.conditions && f.conditions.length > 0) {
    return { join: f.operator === 'OR' ? 'or' : 'and', list: f.conditions.slice(0, 4) }
  }
  return { join: 'and', list: [f] }
}

function joinOf<C>(join: 'and' | 'or', list: C[]): C | { join: 'and' | 'or'; of: C[] } | undefined {
  if (list.length === 0) return undefined
  return list.length === 1 ? list[0] : { join, of: list }
}

function textCondition(c: GridCondition): TextCondition | null {
  const op = TEXT_TYPES[c.type ?? '']
  if (!op) return null
  const value = typeof c.filter === 'string' ? c.filter : ''
  return { kind: 'text', op, value: value.slice(0, 200) }
}

/** Whether a label passes an AG Grid text condition (case-insensitive, as the grid's own filter). */
export function textMatches(label: string, c: TextCondition): boolean {
  const text = label.toLowerCase()
  const v = c.value.toLowerCase()
  switch (c.op) {
    case 'contains':
      return text.includes(v)
    case 'notContains':
      return !text.includes(v)
    case 'equals':
      return text === v
    case 'notEqual':
      return text !== v
    case 'startsWith':
      return text.startsWith(v)
    case 'endsWith':
      return text.endsWith(v)
    case 'blank':
      return text.trim() === ''
    case 'notBlank':
      return text.trim() !== ''
  }
}

/** The codes among `domain` whose label passes the column's text filter (or its set of checked values). */
function codesFor(
  f: GridFilter,
  domain: readonly { readonly id: string; readonly name: string }[],
): readonly string[] | null {
  if (f.filterType === 'set' && Array.isArray(f.values)) {
    const known = new Set(domain.map((d) => d.id))
    return (f.values as unknown[]).filter((v): v is string => typeof v === 'string' && known.has(v))
  }
  const { join, list } = conditionsOf(f)
  const conditions = list.map(textCondition).filter((c): c is TextCondition => c !== null)
  if (conditions.length === 0) return null
  return domain
    .filter((d) =>
      join === 'or' ? conditions.some((c) => textMatches(d.name, c)) : conditions.every((c) => textMatches(d.name, c)),
    )
    .map((d) => d.id)
}

function numberCondition(c: GridCondition): NumberCondition | null {
  const op = NUMBER_TYPES[c.type ?? '']
  if (!op) return null
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined)
  return { kind: 'number', op, value: num(c.filter), to: num(c.filterTo) }
}

/** District midnight (not the PC's) of an AG Grid date ('YYYY-MM-DD…') plus `days`, in ms. */
export function dayStart(text: unknown, days = 0): number | undefined {
  if (typeof text !== 'string') return undefined
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(text)
  if (!m) return undefined
  return districtMidnight(Number(m[1]), Number(m[2]), Number(m[3]), days)
}

/** AG Grid's date conditions compare whole district days (the table's date comparator) as day bounds. */
function dateCondition(c: GridCondition): DateCondition | null {
  switch (c.type) {
    case 'equals':
      return { kind: 'date', op: 'on', from: dayStart(c.dateFrom), to: dayStart(c.dateFrom, 1) }
    case 'notEqual':
      return { kind: 'date', op: 'notOn', from: dayStart(c.dateFrom), to: dayStart(c.dateFrom, 1) }
    case 'lessThan':
      return { kind: 'date', op: 'before', from: dayStart(c.dateFrom) }
    case 'greaterThan':
      return { kind: 'date', op: 'after', to: dayStart(c.dateFrom, 1) }
    case 'inRange':
      // The grid's range leaves out both end days.
      return { kind: 'date', op: 'between', from: dayStart(c.dateFrom, 1), to: dayStart(c.dateTo) }
    case 'blank':
      return { kind: 'date', op: 'blank' }
    case 'notBlank':
      return { kind: 'date', op: 'notBlank' }
    default:
      return null
  }
}

function joined<C>(f: GridFilter, one: (c: GridCondition) => C | null) {
  const { join, list } = conditionsOf(f)
  return joinOf(
    join,
    list.map(one).filter((c): c is C => c !== null),
  )
}

const labelled = (ids: readonly string[], label: (id: string) => string) => ids.map((id) => ({ id, name: label(id) }))

/** The grid's filter model as the core's typed filters; what it cannot read is left out. */
export function tableFilters(model: Readonly<Record<string, unknown>>, words: Vocabulary): TableFilters {
  const out: TableFilters = {}
  const get = (col: string): GridFilter | null => {
    const f = model[col]
    return typeof f === 'object' && f !== null ? (f as GridFilter) : null
  }
  for (const col of ['code', 'title', 'address'] as const) {
    const f = get(col)
    const filter = f && (joined(f, textCondition) as TextFilter | undefined)
    if (filter) out[col] = filter
  }
  for (const col of ['pending', 'escalation', 'rework'] as const) {
    const f = get(col)
    const filter = f && (joined(f, numberCondition) as NumberFilter | undefined)
    if (filter) out[col] = filter
  }
  for (const col of ['reportedAt', 'deadline'] as const) {
    const f = get(col)
    const filter = f && (joined(f, dateCondition) as DateFilter | undefined)
    if (filter) out[col] = filter
  }
  // Each coded column's labels, made only when it has a filter: the query is built for every block
  // and every change notice, and most of the time no coded column is filtered.
  const sets = {
    status: () => labelled(STATUSES, words.status),
    priority: () => labelled(PRIORITIES, words.priority),
    category: () => labelled(CATEGORY_IDS, words.category),
    source: () => labelled(SOURCES, words.source),
    town: () => words.towns,
    grid: () => words.grids,
    assignee: () => [...words.assignees, { id: NO_ASSIGNEE, name: '' }],
  }
  for (const [col, domain] of Object.entries(sets) as [keyof typeof sets, (typeof sets)[keyof typeof sets]][]) {
    const f = get(col)
    const values = f && codesFor(f, domain())
    if (values) (out as Record<string, unknown>)[col] = { kind: 'set', values }
  }
  return out
}

/** The quick filter, word by word: each word's text and the coded values whose label contains it. */
export function quickWords(text: string, words: Vocabulary): QuickWord[] {
  const matching = (domain: readonly { id: string; name: string }[], w: string) => {
    const ids = domain.filter((d) => d.name.toLowerCase().includes(w)).map((d) => d.id)
    return ids.length > 0 ? ids : undefined
  }
  return text
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 10)
    .map((raw) => {
      const w = raw.toLowerCase().slice(0, 100)
      const word: QuickWord = {
        text: raw.slice(0, 100),
        statuses: matching(labelled(STATUSES, words.status), w) as QuickWord['statuses'],
        priorities: matching(labelled(PRIORITIES, words.priority), w) as QuickWord['priorities'],
        categories: matching(labelled(CATEGORY_IDS, words.category), w) as QuickWord['categories'],
        sources: matching(labelled(SOURCES, words.source), w) as QuickWord['sources'],
        towns: matching(words.towns, w),
        grids: matching(words.grids, w),
        assignees: matching(words.assignees, w),
      }
      return Object.fromEntries(Object.entries(word).filter(([, v]) => v !== undefined)) as QuickWord
    })
}

const SORTABLE: ReadonlySet<string> = new Set(TABLE_SORT_COLUMNS)

/** The grid's sort model (column state order) as the core's sort keys. */
export function tableSort(model: readonly { readonly colId: string; readonly sort: 'asc' | 'desc' }[]): TableSort[] {
  return model
    .filter((s) => SORTABLE.has(s.colId))
    .slice(0, 3)
    .map((s) => ({ col: s.colId as TableSortColumn, dir: s.sort }))
}

export interface TableState {
  readonly view: BuiltinViewId
  readonly myTowns: TownScope
  readonly filterModel: Readonly<Record<string, unknown>>
  readonly sortModel: readonly { readonly colId: string; readonly sort: 'asc' | 'desc' }[]
  readonly quick: string
  readonly drill: string | null
  /** The arrival watermark while the console holds its rows still (null: every case). */
  readonly arrivedUpTo?: number | null
}

export function tableQuery(state: TableState, words: Vocabulary): TableQuery {
  return {
    view: state.view,
    myTowns: state.myTowns === '*' ? '*' : [...state.myTowns],
    filters: tableFilters(state.filterModel, words),
    quick: quickWords(state.quick, words),
    drill: state.drill,
    sort: tableSort(state.sortModel),
    arrivedUpTo: state.arrivedUpTo ?? null,
  }
}
