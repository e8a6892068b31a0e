import { SqliteDatabase, type SqlExecutor } from '@infra/sqlite'
import { ContractError, type DisplayInfo } from '@shared/contract'
import { AggregateEngine } from '../aggregates/aggregate-engine'
import { drill } from '../aggregates/drill'
import { shippedRules, type ActiveRules } from '../assessment/active-rules'
import { drillAssessed } from '../assessment/case-ids'
import { clockFor } from '../aggregates/time-buckets'
import type { PushHub } from '../push-hub'
import type { Registry } from '../registry'
import { LayoutService, socketRemote } from '../screens/layout-service'
import type { StatusBoard } from '../status-board'
import type { ServerAccess } from '../sync/server-access'

export interface SituationDeps {
  readonly sqlite: SqliteDatabase
  readonly hub: PushHub
  readonly status: StatusBoard
  /** The central server, for saving layouts per operator (null: local copies only). */
  readonly access: ServerAccess | null
  /** The app's migrations folder; resources/ sits beside it. */
  readonly migrationsFolder: string
  readonly windowDays?: number
  readonly tzOffsetMinutes?: number
  /** The active rule set an assessment drill judges with (active-rules.ts). */
  readonly rules?: ActiveRules
}

/**
 * The situation area's handlers: aggregates (kept by one engine for every
 * window), map figures and geometry, drill-downs, displays and layouts.
 * Returns a stop function for the core's close.
 */
export function registerSituationHandlers(
  registry: Registry,
  deps: SituationDeps,
): { stop: () => Promise<void>; engine: AggregateEngine } {
  const windowDays = deps.windowDays ?? 30
  const clock = clockFor(deps.tzOffsetMinutes)
  // Full recomputes read through their own read-only connection (see AggregateEngineOptions.snapshotDb).
  const reader = SqliteDatabase.open(deps.sqlite.file, { readonly: true }).catch((err: unknown) => {
    console.error(`aggregates: no read connection, full loads share the store's: ${String(err)}`)
    return null
  })
  const snapshotDb = {
    snapshot: async <T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> => {
      const db = await reader
      return db ? db.snapshot(work) : deps.sqlite.transaction(work)
    },
  }
  const engine = new AggregateEngine({
    db: deps.sqlite,
    snapshotDb,
    hub: deps.hub,
    status: deps.status,
    windowDays,
    tzOffsetMinutes: deps.tzOffsetMinutes,
  })
  const started = engine.start().catch((err: unknown) => {
    console.error(`aggregates: ${err instanceof Error ? err.message : String(err)}`)
  })
  let displays: DisplayInfo[] = []
  const layouts = new LayoutService(
    deps.sqlite,
    deps.access ? socketRemote(deps.access) : null,
    () => deps.status.get().operator?.actorId ?? 'local',
  )
  const announce = async () => deps.hub.emit('screens', { displays, saved: await layouts.get() })
  // Layouts are per operator: when the server names (another) operator, windows follow their layout.
  let actor = deps.status.get().operator?.actorId ?? null
  const offStatus = deps.hub.subscribe((name, payload) => {
    if (name !== 'status') return
    const next = (payload as { operator: { actorId: string } | null }).operator?.actorId ?? null
    if (next === actor) return
    actor = next
    void announce().catch(() => undefined)
  })

  registry
    .register('aggregates.get', async () => {
      await started
      return engine.get()
    })
    .register('situation.map', async () => {
      await started
      return engine.map()
    })
    .register('situation.drill', async ({ key }) => {
      const t = Date.now()
      const assessed = await drillAssessed(deps.sqlite, key, t, deps.rules ?? shippedRules)
      return drill(deps.sqlite, key, t, windowDays, clock, assessed)
    })
    .register('screens.displays', () => displays)
    .register('screens.report', (args, ctx) => {
      // Only the shell knows the monitors; a window may not invent them.
      if (ctx.origin !== 'internal') throw new ContractError('forbidden', 'displays are reported by the shell')
      displays = args.displays
      void announce().catch(() => undefined)
      return { count: displays.length }
    })
    .register('layout.get', () => layouts.get())
    .register('layout.save', async ({ layout }) => {
      const saved = await layouts.save(layout)
      deps.hub.emit('screens', { displays, saved })
      return saved
    })

  return {
    engine,
    stop: async () => {
      offStatus()
      await started
      await engine.stop()
      await (await reader)?.close()
    },
  }
}
