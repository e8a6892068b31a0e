import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import type { AppInfo } from '@shared/contract'
import { registerAppHandlers } from './handlers/app'
import { registerConsoleHandlers } from './handlers/console'
import { registerSituationHandlers } from './handlers/situation'
import { PushHub } from './push-hub'
import { Registry } from './registry'
import { StatusBoard } from './status-board'
import { readDatabaseStatus } from './database-status'
import { watchDatabaseStatus } from './database-watch'
import type { Store } from './store/open-store'
import { settings } from './store/schema'
// sync (issue 4)
import { registerIncidentHandlers } from './handlers/incidents'
import { openRecoveringStore } from './store/recover-store'
import { SyncService } from './sync/sync-service'

export interface ServerLink {
  /** Base URL of the central server, e.g. http://127.0.0.1:4100 */
  readonly url: string
  readonly token: string
}

export interface CoreOptions {
  readonly dataDir: string
  readonly migrationsFolder: string
  readonly host: AppInfo['host']
  readonly version: string
  /** Where to sync from; null runs the core with its cache only. */
  readonly server: ServerLink | null
  readonly embeddedServer: boolean
  /** Finished incidents kept in the cache, days (default 90). */
  readonly keepClosedDays?: number
}

/** The workstation's main-process core: plain Node, no electron. Transports bind `registry` and `hub`. */
export interface Core {
  readonly info: AppInfo
  readonly registry: Registry
  readonly hub: PushHub
  readonly status: StatusBoard
  readonly store: Store
  readonly sync: SyncService
  close(): Promise<void>
}

async function workstationId(store: Store): Promise<string> {
  const row = await store.db.select().from(settings).where(eq(settings.key, 'workstation_id')).get()
  if (row) return row.value
  const id = `ws-${randomUUID().slice(0, 8)}`
  await store.db.insert(settings).values({ key: 'workstation_id', value: id, updatedAt: Date.now() })
  return id
}

export async function createCore(options: CoreOptions): Promise<Core> {
  // A damaged file is moved aside and rebuilt from the server (store/recover-store.ts).
  const { store, recoveredFrom } = await openRecoveringStore(options.dataDir, options.migrationsFolder)
  const hub = new PushHub()
  const status = new StatusBoard(hub, await readDatabaseStatus(store, recoveredFrom))
  status.update({ serverUrl: options.server?.url ?? null })
  const databaseWatch = watchDatabaseStatus({ hub, status, store, recoveredFrom })
  const info: AppInfo = {
    version: options.version,
    host: options.host,
    workstationId: await workstationId(store),
    dataDir: options.dataDir,
    startedAt: Date.now(),
    embeddedServer: options.embeddedServer,
    serverUrl: options.server?.url ?? null,
  }
  const registry = new Registry()
  registerAppHandlers(registry, { info, store, status, recoveredFrom })
  registerConsoleHandlers(registry, { db: store.db })

  // sync (issue 4): cache, outbox, engine; the engine runs only with a server configured.
  const sync = new SyncService({
    sqlite: store.sqlite,
    hub,
    status,
    workstationId: info.workstationId,
    server: options.server,
    keepClosedDays: options.keepClosedDays,
  })
  registerIncidentHandlers(registry, { sqlite: store.sqlite, sync, status, hub, workstationId: info.workstationId })
  await sync.start()
  // situation (issue 6): aggregates, map, drill-downs, displays and layouts.
  const situation = registerSituationHandlers(registry, {
    sqlite: store.sqlite,
    hub,
    status,
    server: options.server,
    migrationsFolder: options.migrationsFolder,
  })

  return {
    info,
    registry,
    hub,
    status,
    store,
    sync,
    async close() {
      await situation.stop()
      await sync.stop()
      await databaseWatch.stop()
      status.dispose()
      await store.close()
    },
  }
}
