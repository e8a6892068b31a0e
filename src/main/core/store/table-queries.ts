import type { SqlExecutor, SqlParam } from '@infra/sqlite'
import { BUILTIN_VIEW_IDS, type BuiltinViewId, type TableQuery } from '@shared/contract'
import { CACHED_ROW_SQL, cachedFromRow, type CachedRow } from './incident-queries'
import { sortIndex, tableOrder, tableWhere } from './table-sql'

/**
 * The console table's reads (see table-sql.ts). A block at any offset is one
 * statement: the rowids of the range in the query's order, then the range's
 * rows read by rowid.
 *
 * How the range is found (a `RangePlan`): SQLite's planner, with no statistics
 * and no sense of LIMIT, would rather narrow with an index and sort everything
 * it matched (70,000 dispatched cases sorted by title: a third of a second), or
 * walk the sort index past every case the filter rejects (a rework view of a
 * thousand cases among a million: a full walk). Which is cheaper depends on how
 * many cases the indexable part of the filter keeps and how deep the block is:
 * - nothing indexable, or a broad filter near the top: walk the sort key's index
 *   (the rowid is in every index, so skipping a million entries reads no table
 *   row; each entry the filter rejects costs a row read);
 * - otherwise narrow first: the cases the indexable conditions keep (read with
 *   whatever index serves them), then sorted.
 * One count of the indexable conditions (cached per filter shape) decides. A
 * filter and a sort key can go together so that the filter's cases all lie at
 * the far end of the walk (cases awaiting dispatch have no deadline: sorted by
 * deadline, they come last) or thin out at its start (the newest cases are
 * seldom overdue yet), so a walk past a filter reads a budget of entries, a few
 * times what the estimate expects, and eight times more while it comes up short,
 * until reading on would cost more than narrowing first, which it then does.
 */
export type RangePlan =
  | {
      readonly walk: string
      /** Index entries the walk reads at most (null: all it needs) … */
      readonly budget: number | null
      /** … growing eightfold while short, up to this many (the cases the filter keeps), then narrowing first. */
      readonly cap: number
      /** Cases cached: a walk this long has read everything. */
      readonly cached: number
    }
  | { readonly narrow: { where: string; params: SqlParam[] } }

const SMALL = 20_000
/** A walk past a filter reads at most this many times the entries the estimate expects (and 2,000 more). */
const SLACK = 4

export class RangePlanner {
  private readonly narrowCounts = new Map<string, number>()
  private cached: { n: number; at: number } | null = null

  async plan(exec: SqlExecutor, query: TableQuery, now: number, offset: number, limit: number): Promise<RangePlan> {
    const first = query.sort[0]
    const index = query.sort.length <= 1 ? sortIndex(first?.col ?? 'reportedAt', first?.dir ?? 'desc') : null
    const narrow = tableWhere(query, now, { text: false })
    if (!narrow.where) return index ? { walk: index, budget: null, cap: 0, cached: 0 } : { narrow }
    const matched = await this.narrowCount(exec, query, narrow)
    if (!index || matched < SMALL) return { narrow }
    // Walking reads about (offset + limit) × cached / matched entries; narrowing sorts `matched` rows.
    const cached = await this.cachedCount(exec)
    const expected = ((offset + limit) * cached) / matched
    return expected <= matched
      ? { walk: index, budget: Math.ceil(SLACK * expected) + 2000, cap: matched, cached }
      : { narrow: { where: narrow.where, params: narrow.params } }
  }

  private async narrowCount(exec: SqlExecutor, query: TableQuery, narrow: { where: string; params: SqlParam[] }) {
    const { view, myTowns, drill, filters } = query
    // The clock (the overdue view's parameter) moves the count a little, not its size: left out of the key.
    const key = JSON.stringify([view, myTowns, drill, { ...filters, code: 0, title: 0, address: 0 }])
    let n = this.narrowCounts.get(key)
    if (n === undefined) {
      n = Number((await exec.get(`SELECT count(*) AS n FROM incidents ${narrow.where}`, narrow.params))?.n ?? 0)
      if (this.narrowCounts.size >= 200) this.narrowCounts.delete(this.narrowCounts.keys().next().value!)
      this.narrowCounts.set(key, n)
    }
    return n
  }

  private async cachedCount(exec: SqlExecutor): Promise<number> {
    const now = Date.now()
    if (!this.cached || now - this.cached.at > 10_000) {
      this.cached = { n: Number((await exec.get('SELECT count(*) AS n FROM incidents'))?.n ?? 0), at: now }
    }
    return this.cached.n
  }
}

function range(query: TableQuery, now: number, select: string, offset: number, limit: number, plan: RangePlan) {
  const { where, params } = tableWhere(query, now)
  const order = tableOrder(query.sort)
  let inner: { sql: string; params: SqlParam[] }
  if ('narrow' in plan) {
    inner = {
      sql: `SELECT rowid FROM incidents WHERE rowid IN (SELECT rowid FROM incidents ${plan.narrow.where})${where ? ` AND ${where.slice('WHERE '.length)}` : ''} ${order}`,
      params: [...plan.narrow.params, ...params],
    }
  } else if (plan.budget === null) {
    inner = { sql: `SELECT rowid FROM incidents INDEXED BY ${plan.walk} ${where} ${order}`, params }
  } else {
    // The walk's first `budget` entries, then the filter over them (named `incidents` for its columns).
    inner = {
      sql: `SELECT rowid FROM (SELECT rowid AS rowid, * FROM incidents INDEXED BY ${plan.walk} ${order} LIMIT ?) AS incidents ${where} ${order}`,
      params: [plan.budget, ...params],
    }
  }
  return {
    sql: `SELECT ${select} FROM incidents WHERE rowid IN (${inner.sql} LIMIT ? OFFSET ?) ${order}`,
    params: [...inner.params, limit, offset],
  }
}

/** Reads a range; a bounded walk that came up short reads further (see RangePlan), then narrows first. */
async function readRange(
  exec: SqlExecutor,
  query: TableQuery,
  now: number,
  select: string,
  offset: number,
  limit: number,
  plan: RangePlan,
): Promise<Record<string, unknown>[]> {
  let current = plan
  for (;;) {
    const { sql, params } = range(query, now, select, offset, limit, current)
    const rows = await exec.all(sql, params)
    if (rows.length >= limit || !('walk' in current) || current.budget === null || current.budget >= current.cached) {
      return rows
    }
    const budget = current.budget * 8
    current =
      budget <= current.cap
        ? { ...current, budget: Math.min(budget, current.cached) }
        : { narrow: tableWhere(query, now, { text: false }) }
  }
}

export async function tableBlock(
  exec: SqlExecutor,
  query: TableQuery,
  now: number,
  offset: number,
  limit: number,
  plan: RangePlan,
): Promise<CachedRow[]> {
  return (await readRange(exec, query, now, CACHED_ROW_SQL, offset, limit, plan)).map(cachedFromRow)
}

/** The ids in a range, in order: what the table checks its loaded rows against after a change. */
export async function tableIds(
  exec: SqlExecutor,
  query: TableQuery,
  now: number,
  offset: number,
  limit: number,
  plan: RangePlan,
): Promise<string[]> {
  if (limit === 0) return []
  return (await readRange(exec, query, now, 'id', offset, limit, plan)).map((r) => String(r.id))
}

export async function tableCount(exec: SqlExecutor, query: TableQuery, now: number): Promise<number> {
  const { where, params } = tableWhere(query, now)
  return Number((await exec.get(`SELECT count(*) AS n FROM incidents ${where}`, params))?.n ?? 0)
}

/** Each built-in view's count, one indexed count per view. */
export async function viewCounts(
  exec: SqlExecutor,
  myTowns: TableQuery['myTowns'],
  now: number,
): Promise<Record<BuiltinViewId, number>> {
  const out = {} as Record<BuiltinViewId, number>
  for (const view of BUILTIN_VIEW_IDS) {
    out[view] = await tableCount(
      exec,
      { view, myTowns, filters: {}, quick: [], drill: null, sort: [], arrivedUpTo: null },
      now,
    )
  }
  return out
}
