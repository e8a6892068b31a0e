import type { SqliteDatabase } from '@infra/sqlite'
import { ContractError, type BuiltinViewId, type IncidentView, type TableQuery } from '@shared/contract'
import { drillWhere } from '../aggregates/drill'
import { clockFor } from '../aggregates/time-buckets'
import type { PushHub } from '../push-hub'
import type { Registry } from '../registry'
import type { StatusBoard } from '../status-board'
import { getIncidents, type CachedRow } from '../store/incident-queries'
import { RangePlanner, tableBlock, tableCount, tableIds, viewCounts } from '../store/table-queries'
import { outboxEntries } from '../sync/outbox'
import type { SyncService } from '../sync/sync-service'
import { CsvExports } from '../table/csv-export'
import { DrillSets } from '../table/drill-sets'
import { shippedRules, type ActiveRules } from '../assessment/active-rules'
import { drillAssessed } from '../assessment/case-ids'
import { openReadLanes, type ReadLanes } from '../table/read-lanes'
import { groupEntries, overlayViews } from './overlay-views'

export interface TableDeps {
  readonly sqlite: SqliteDatabase
  readonly sync: SyncService
  readonly hub: PushHub
  readonly status: StatusBoard
  readonly workstationId: string
  /** The assessment window and district clock the drill-downs count with (as the situation handlers). */
  readonly windowDays?: number
  readonly tzOffsetMinutes?: number
  readonly now?: () => number
  /** The active rule set an assessment drill judges with (active-rules.ts). */
  readonly rules?: ActiveRules
}

/**
 * The console table's handlers (src/shared/contract/requests/table.ts): blocks,
 * counts, change checks, view counts, drill-down sets and CSV exports, all read
 * on the table's own connections (table/read-lanes.ts). Counts are remembered
 * until the next change notice. Returns a stop function for the core's close.
 */
export function registerTableHandlers(registry: Registry, deps: TableDeps): { stop: () => Promise<void> } {
  const now = () => (deps.now ?? Date.now)()
  const windowDays = deps.windowDays ?? 30
  const clock = clockFor(deps.tzOffsetMinutes)
  const planner = new RangePlanner()
  const ready: Promise<{ lanes: ReadLanes; drills: DrillSets; exports: CsvExports }> = (async () => {
    const lanes = await openReadLanes(deps.sqlite)
    const drills = new DrillSets(lanes.all)
    await drills.init()
    const exports = new CsvExports(
      lanes.slow,
      (rows) => views(lanes.slow, rows),
      () => deps.sync.reference.get(),
    )
    return { lanes, drills, exports }
  })()

  // Counts hold until the cache changes (a change notice), then are counted again when asked.
  let generation = 0
  const counts = new Map<string, { generation: number; value: Promise<number> }>()
  const viewCountCache = new Map<string, { generation: number; value: Promise<Record<BuiltinViewId, number>> }>()
  const offChanges = deps.hub.subscribe((name) => {
    if (name === 'changes') generation++
  })
  const remembered = (key: string, count: () => Promise<number>): Promise<number> => {
    const hit = counts.get(key)
    if (hit && hit.generation === generation) return hit.value
    const value = count()
    value.catch(() => counts.delete(key))
    if (counts.size >= 100) counts.delete(counts.keys().next().value!)
    counts.set(key, { generation, value })
    return value
  }

  /** Cached rows with this workstation's queued commands folded over them (what the table shows as pending). */
  async function views(db: SqliteDatabase, rows: CachedRow[]): Promise<IncidentView[]> {
    const entries = groupEntries(
      await outboxEntries(
        db,
        rows.map((r) => r.id),
      ),
    )
    return overlayViews(
      {
        exec: db,
        assigneeExists: (kind, id) => deps.sync.reference.assigneeExists(kind, id),
        reference: deps.sync.reference.lookup(),
        workstationId: deps.workstationId,
        now: now(),
      },
      rows,
      entries,
    )
  }

  const checkDrill = (drills: DrillSets, query: TableQuery) => {
    if (query.drill !== null && !drills.has(query.drill)) {
      throw new ContractError('not_found', `drill-down ${query.drill} is no longer held; open it again`)
    }
  }
  const cursor = () => deps.status.get().cursor

  registry
    .register('table.rows', async ({ query, offset, limit }) => {
      const { lanes, drills } = await ready
      checkDrill(drills, query)
      const t = now()
      const plan = await planner.plan(lanes.fast, query, t, offset, limit)
      const rows = await tableBlock(lanes.fast, query, t, offset, limit, plan)
      return { rows: await views(lanes.fast, rows), end: rows.length < limit, cursor: cursor() }
    })
    .register('table.count', async ({ query }) => {
      const { lanes, drills } = await ready
      checkDrill(drills, query)
      const count = await remembered(JSON.stringify(query), () => tableCount(lanes.slow, query, now()))
      const cached = await remembered('all', () => tableCount(lanes.slow, ALL, now()))
      const lastArrival = await remembered('lastArrival', async () =>
        Number((await lanes.slow.get('SELECT max(rowid) AS n FROM incidents'))?.n ?? 0),
      )
      let newer = 0
      if (query.arrivedUpTo !== null && query.arrivedUpTo < lastArrival) {
        const unheld = { ...query, arrivedUpTo: null }
        newer = (await remembered(JSON.stringify(unheld), () => tableCount(lanes.slow, unheld, now()))) - count
      }
      return { count, cached, cursor: cursor(), newer: Math.max(0, newer), lastArrival }
    })
    .register('table.changed', async ({ query, ids, offset, limit }) => {
      const { lanes, drills } = await ready
      checkDrill(drills, query)
      const t = now()
      const found = await getIncidents(lanes.fast, ids)
      const rows = await views(lanes.fast, [...found.values()])
      const plan = await planner.plan(lanes.fast, query, t, offset, limit)
      return { rows, ids: await tableIds(lanes.fast, query, t, offset, limit, plan), cursor: cursor() }
    })
    .register('table.viewCounts', async ({ myTowns }) => {
      const { lanes } = await ready
      // The overdue view moves with the clock: counted again at least every half minute.
      const key = `views:${JSON.stringify(myTowns)}:${Math.floor(now() / 30_000)}`
      const hit = viewCountCache.get(key)
      if (hit && hit.generation === generation) return hit.value
      const value = viewCounts(lanes.slow, myTowns, now())
      viewCountCache.clear()
      viewCountCache.set(key, { generation, value })
      value.catch(() => viewCountCache.delete(key))
      return value
    })
    .register('table.drill', async ({ key }) => {
      const { lanes, drills } = await ready
      const t = now()
      const assessed = await drillAssessed(deps.sqlite, key, t, deps.rules ?? shippedRules)
      const { where, params } = drillWhere(key, t, windowDays, clock, assessed)
      const ids = (await lanes.slow.all(`SELECT id FROM incidents ${where}`, params)).map((r) => String(r.id))
      return { drill: await drills.create(ids), total: ids.length, computedAt: t }
    })
    .register('table.exportStart', async ({ query, labels }) => {
      const { exports, drills } = await ready
      checkDrill(drills, query)
      return exports.start(query, labels, now())
    })
    .register('table.exportNext', async ({ exportId }) => (await ready).exports.next(exportId, now()))
    .register('table.exportCancel', async ({ exportId }) => ({
      cancelled: await (await ready).exports.cancel(exportId),
    }))

  return {
    stop: async () => {
      offChanges()
      const { lanes, exports } = await ready
      await exports.close()
      await lanes.close()
    },
  }
}

const ALL: TableQuery = { view: 'all', myTowns: '*', filters: {}, quick: [], drill: null, sort: [], arrivedUpTo: null }
