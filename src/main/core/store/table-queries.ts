import type { SqlExecutor, SqlParam } from '@infra/sqlite'
import { BUILTIN_VIEW_IDS, type BuiltinViewId, type TableQuery } from '@shared/contract'
import { CACHED_ROW_SQL, cachedFromRow, type CachedRow } from './incident-queries'
import { SORT_INDEX, tableOrder, tableWhere } from './table-sql'

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
 * One count of the indexable conditions (cached per filter shape) decides.
 */
export type RangePlan = { readonly walk: string } | { readonly narrow: { where: string; params: SqlParam[] } }

const SMALL = 20_000

export class RangePlanner {
  private readonly narrowCounts = new Map<string, number>()
  private cached: { n: number; at: number } | null = null

  async plan(exec: SqlExecutor, query: TableQuery, now: number, offset: number, limit: number): Promise<RangePlan> {
    const index = query.sort.length <= 1 ? SORT_INDEX[query.sort[0]?.col ?? 'reportedAt'] : null
    const narrow = tableWhere(query, now, { text: false })
    if (!narrow.where) return index ? { walk: index } : { narrow }
    const matched = await this.narrowCount(exec, query, narrow)
    if (!index || matched < SMALL) return { narrow }
    // Walking reads about (offset + limit) × cached / matched entries; narrowing sorts `matched` rows.
    const cached = await this.cachedCount(exec)
    return (offset + limit) * cached <= matched * matched ? { walk: index } : { narrow }
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
  const inner =
    'walk' in plan
      ? { sql: `SELECT rowid FROM incidents INDEXED BY ${plan.walk} ${where} ${order}`, params }
      : {
          sql: `SELECT rowid FROM incidents WHERE rowid IN (SELECT rowid FROM incidents ${plan.narrow.where})${where ? ` AND ${where.slice('WHERE '.length)}` : ''} ${order}`,
          params: [...plan.narrow.params, ...params],
        }
  return {
    sql: `SELECT ${select} FROM incidents WHERE rowid IN (${inner.sql} LIMIT ? OFFSET ?) ${order}`,
    params: [...inner.params, limit, offset],
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
  const { sql, params } = range(query, now, CACHED_ROW_SQL, offset, limit, plan)
  return (await exec.all(sql, params)).map(cachedFromRow)
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
  const { sql, params } = range(query, now, 'id', offset, limit, plan)
  return (await exec.all(sql, params)).map((r) => String(r.id))
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
    out[view] = await tableCount(exec, { view, myTowns, filters: {}, quick: [], drill: null, sort: [] }, now)
  }
  return out
}
