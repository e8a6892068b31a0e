import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import type { AppInfo } from '@shared/contract'
import { registerAppHandlers } from './handlers/app'
import { activeRulesFrom } from './assessment/active-rules'
import { LiveAssessment } from './assessment/live-assessment'
import { registerAssessmentHandlers } from './handlers/assessment'
import { FrozenReports } from './assessment/frozen-reports'
import type { ShellFiles } from './assessment/shell-files'
import { registerAssessmentReportHandlers } from './handlers/assessment-reports'
import { fetchRuleSetRevision, registerRuleSetHandler } from './handlers/rule-set'
import { registerConsoleHandlers } from './handlers/console'
import { registerMapHandlers, resourcesBeside } from './handlers/map'
import { registerSituationHandlers } from './handlers/situation'
import { registerTableHandlers } from './handlers/table'
import { PushHub } from './push-hub'
import { Registry } from './registry'
import { StatusBoard } from './status-board'
import { readDatabaseStatus } from './database-status'
import { watchDatabaseStatus } from './database-watch'
import type { Store } from './store/open-store'
import { settings } from './store/schema'
// sync (issue 4)
import { registerIncidentHandlers } from './handlers/incidents'
import { registerSupervisionHandlers } from './handlers/supervision'
import { openRecoveringStore } from './store/recover-store'
import { SyncService } from './sync/sync-service'
// sessions (issue 10)
import { openSession, registerSessionHandlers } from './handlers/session'
import { FileVault } from './session/file-vault'
import type { SecretVault } from './session/secrets'
import { SessionManager } from './session/session-manager'
import { serviceAccess, type ServerAccess } from './sync/server-access'
import { ServerEndpoints } from './sync/server-endpoints'

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

export interface ServerLink {
  /** Base URL of the central server, e.g. http://127.0.0.1:4100 (or https://… with TLS). */
  readonly url: string
  /**
   * Every address of the server (the nodes of one cluster, `url` among them): the link fails over
   * to the next when one is lost. Default: `url` alone.
   */
  readonly urls?: readonly string[]
  /** The reconnect delay cap (benchmarks measure the old one beside the default); default RECONNECT_CAP_MS. */
  readonly reconnectCapMs?: number
  /** PEM of a private CA to trust for https/wss (`--ca-file`). */
  readonly ca?: string | null
  /**
   * A service token instead of people signing in (tests, tools; never from a command line).
   * Without one, the workstation shows the sign-in screen and syncs for whoever signed in.
   */
  readonly token?: string
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
  /** Where secrets live (Electron: safeStorage); default a 0600 file in the data folder. */
  readonly vault?: SecretVault
  /** A one-time enrolment code for a workstation without a credential (embedded server, --enrol-code-file). */
  readonly enrolCode?: () => Promise<string | null>
  /** The desktop shell's save dialog and print-to-PDF for exported reports (Electron); none in the browser host. */
  readonly shellFiles?: ShellFiles
}

/** The workstation's main-process core: plain Node, no electron. Transports bind `registry` and `hub`. */
export interface Core {
  readonly info: AppInfo
  readonly registry: Registry
  readonly hub: PushHub
  readonly status: StatusBoard
  readonly store: Store
  readonly sync: SyncService
  /** Who is signed in (null: no sign-in here — no server, or a service token). */
  readonly session: SessionManager | null
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
  const info: Mutable<AppInfo> = {
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

  // Who works here (issue 10): with a server and no service token, people sign in.
  const link = options.server
  let session: SessionManager | null = null
  let access: ServerAccess | null = null
  let sync: SyncService | null = null
  const endpoints = link
    ? new ServerEndpoints(link.urls && link.urls.length > 0 ? link.urls : [link.url], Math.random, link.reconnectCapMs)
    : null
  if (link?.token && endpoints) access = serviceAccess(endpoints, link.token, link.ca ?? null)
  else if (link && endpoints) {
    session = new SessionManager({
      sqlite: store.sqlite,
      vault: options.vault ?? new FileVault(options.dataDir),
      status,
      hub,
      server: { endpoints, ca: link.ca ?? null },
      ...(options.enrolCode ? { enrolCode: options.enrolCode } : {}),
      startSync: async () => sync?.connect(),
      stopSync: async () => sync?.disconnect(),
      queued: async () => (sync ? sync.outbox.pendingCount() : 0),
    })
    access = session
  }

  // sync (issue 4): cache, outbox, engine; the engine runs only with a server configured.
  sync = new SyncService({
    sqlite: store.sqlite,
    hub,
    status,
    access,
    keepClosedDays: options.keepClosedDays,
  })
  const syncService = sync
  // THE active rule set (评分细则): the server's, cached by the sync service (see active-rules.ts).
  // A frozen report's drill asks the server for the revision it was computed with (other than the active one).
  const rules = activeRulesFrom(syncService.ruleSets, (n) => fetchRuleSetRevision(syncService, n))
  registerIncidentHandlers(registry, {
    sqlite: store.sqlite,
    sync: syncService,
    status,
    hub,
    workstationId: info.workstationId,
  })
  // The supervisor's desk (issue 14): who is late, and the operators' workload.
  registerSupervisionHandlers(registry, {
    sqlite: store.sqlite,
    status,
    reference: syncService.reference,
    people: async () => (await syncService.people())?.people ?? null,
  })
  // The console table (issue 16): blocks, counts, drill-down sets and exports over the cache.
  const table = registerTableHandlers(registry, {
    rules,
    sqlite: store.sqlite,
    sync: syncService,
    hub,
    status,
    workstationId: info.workstationId,
  })
  registerSessionHandlers(registry, { session, open: async () => openSession(status.get().operator) })
  await sync.start()
  if (session) {
    // A vault others can read (or any other reason not to start) leaves nothing running behind.
    await session.init().catch(async (err: unknown) => {
      await table.stop()
      await syncService.stop()
      await databaseWatch.stop()
      status.dispose()
      await store.close()
      throw err
    })
    const enrolled = session
    info.workstationId = enrolled.workstationId ?? info.workstationId
    hub.subscribe((name) => {
      if (name === 'session' && enrolled.workstationId) info.workstationId = enrolled.workstationId
    })
  } else await sync.connect()
  // assessment (issue 12): a period's league and the cases behind each line.
  // One kept computation per period, brought up to date by the change notices (live-assessment.ts).
  const liveAssessment = new LiveAssessment({ db: store.sqlite, status, hub })
  registerAssessmentHandlers(registry, {
    sqlite: store.sqlite,
    status,
    rules,
    live: liveAssessment,
  })
  registerRuleSetHandler(registry, syncService.ruleSets, syncService)
  // assessment (issue 12): the server's frozen reports, and exports of a report (XLSX, PDF).
  registerAssessmentReportHandlers(registry, {
    sqlite: store.sqlite,
    status,
    rules,
    ruleSets: syncService.ruleSets,
    reference: syncService.reference,
    frozen: new FrozenReports((message, payload) => syncService.ask(message, payload)),
    shell: options.shellFiles ?? null,
    live: liveAssessment,
    people: async () => (await syncService.people())?.people ?? null,
  })
  // situation (issue 6): aggregates, map, drill-downs, displays and layouts.
  const situation = registerSituationHandlers(registry, {
    sqlite: store.sqlite,
    rules,
    hub,
    status,
    access,
    migrationsFolder: options.migrationsFolder,
  })
  // map (issue 17): every layer as GeoJSON from the cache, components, positions and resources/.
  const map = registerMapHandlers(registry, {
    sqlite: store.sqlite,
    sync,
    status,
    hub,
    figures: () => situation.engine.map(),
    resourcesDir: resourcesBeside(options.migrationsFolder),
  })

  return {
    info,
    registry,
    hub,
    status,
    store,
    sync: syncService,
    session,
    async close() {
      await map.stop()
      liveAssessment.stop()
      await situation.stop()
      await table.stop()
      await session?.close()
      await syncService.stop()
      await databaseWatch.stop()
      status.dispose()
      await store.close()
    },
  }
}
