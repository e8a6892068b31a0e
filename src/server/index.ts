import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Server } from 'socket.io'
import { allowRequestFor, guardProblem, type GuardPolicy } from '@infra/http/request-guard'
import { referenceLookup, type Command, type Incident, type Principal, type ReferenceData } from '@shared/domain'
import { LIMITS, type CommandReply, type DemoCredential } from '@shared/protocol'
import type { AuthAdmin } from './auth/admin'
import { startAuth } from './auth/start-auth'
import { CommandProcessor } from './commands/command-processor'
import { openServerDb } from './db/open'
import { AUTH_PREFIX } from './http/auth-routes'
import { createHttpServer, isLoopbackHost } from './http/listen'
import { OPEN311_PREFIX, open311Handler } from './http/open311'
import { EventLog } from './log/event-log'
import { leadWhenFree } from './pg/leader'
import { listenForCommits, openPgStore } from './pg/open'
import type { ServerLog } from './store/server-log'
import type { VerifyResult } from './log/verify'
import { readTail, tailProblem } from './log/tail'
import { DEFAULTS, type ServerOptions } from './options'
import { generateReference } from './reference/generate'
import { startEscalation } from './sim/escalation'
import { seedHistory } from './sim/history'
import { rateModel, type RateModel, type Traffic } from './sim/rates'
import { Simulator, type SimulatorStats } from './sim/simulator'
import { timeModel } from './sim/time-model'
import { attachSyncHub } from './sync/sync-hub'
import { verifyStore } from './verify-store'
import { PositionBoard } from './positions/position-board'
import { Patrols } from './sim/patrols'
import { RuleSetStore } from './assessment/rule-set-store'
import { ReportStore } from './assessment/report-store'
import { sideStores } from './store/side-stores'

export type { ServerOptions } from './options'
export type { VerifyResult } from './log/verify'
export { verifyStore }
export { DEMO_TOKENS, DEMO_TOKEN_LIST } from '@shared/protocol'
export type { AuthAdmin } from './auth/admin'
export { formatDemoCredentials } from './auth/demo-accounts'

export interface RunningServer {
  /** http(s)://host:port — socket.io clients connect to `${url}/sync`, Open311 lives under `${url}/open311/v2/`. */
  readonly url: string
  readonly host: string
  readonly port: number
  readonly serverId: string
  readonly reference: ReferenceData
  /** Newest committed seq. */
  headSeq(): number
  /** Oldest seq still kept. */
  oldestSeq(): number
  incident(id: string): Incident | null
  /** By human-readable case code (ZS-YYMMDD-NNNNNN), as Open311 and people quote it. */
  findByCode(code: string): Incident | null
  incidentCount(): number
  /** The command path without a socket (tests, tools): same checks, same log. */
  submit(command: Command, principal: Principal, workstationId?: string | null): Promise<CommandReply>
  /** Retention by hand: drops events before `seq` (cursors older than that get a reset). */
  pruneBefore(seq: number): Promise<void>
  verify(): Promise<VerifyResult>
  /** Accounts and workstations (what the admin CLI does), for the quick start and tests. */
  readonly admin: AuthAdmin
  /** This run's demo accounts (only with `demoAccounts`, on loopback); empty otherwise. */
  readonly demoCredentials: readonly DemoCredential[]
  /** Where joint teams and grid workers are (fed by the simulator's patrols and by field devices). */
  readonly positions: PositionBoard
  /** Whether this node runs the simulator and escalation (always, on SQLite; the lock holder, on PostgreSQL). */
  leading(): boolean
  /** The live simulator, when running. */
  readonly simulator: {
    readonly rate: number
    setRate(rate: number): void
    readonly stats: SimulatorStats
    readonly rateModel: RateModel
  } | null
  close(): Promise<void>
}

function parseCounter(code: string): number {
  const n = Number(code.slice(code.lastIndexOf('-') + 1))
  return Number.isFinite(n) ? n : 0
}

/**
 * Starts the central server: opens (or creates and seeds) the store in
 * `dataDir`, then serves the sync protocol over socket.io and Open311 over
 * HTTP on one port. The workstation's embedded mode calls this.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const say = options.logger ?? (() => undefined)
  const host = options.host ?? DEFAULTS.host
  // Per-run demo accounts are for a machine's own user: refused, not warned about, beyond loopback.
  if (options.demoAccounts && !isLoopbackHost(host))
    throw new Error(
      `refusing demo accounts on ${host}: they are for loopback only (create accounts with \`users add\`)`,
    )
  const { db, orm } = await openServerDb(options.dataDir, options.migrationsFolder)
  // On PostgreSQL the log, its projection, accounts, sessions, rule sets and reports live there,
  // shared by every node; this node's SQLite file then holds nothing the cluster needs.
  const pgStore = options.store
    ? await openPgStore(options.store).catch(async (err: unknown) => {
        await db.close()
        throw err
      })
    : null
  // A log cut short at its end still chains; only its witnesses can tell, and serving it would hand out
  // seqs that clients already hold for other events.
  const tail = pgStore ? null : tailProblem(await readTail(db))
  if (tail) {
    await db.close()
    throw new Error(
      `refusing to start on ${options.dataDir}: ${tail.reason}. The store was changed outside the server; ` +
        'run `npm run server -- verify --data-dir <dir>` and restore it from a backup.',
    )
  }
  const log: ServerLog = pgStore?.log ?? new EventLog(db, orm)
  const serverId = await log.serverId()
  const head = await log.head()
  let oldest = await log.oldestSeq()
  const loaded = await log.loadIncidents()
  const incidents = new Map(loaded.map((i) => [i.id, i]))
  const counter = loaded.reduce((m, i) => Math.max(m, parseCounter(i.code)), 0)
  const reference = generateReference(options.referenceSeed)
  const assignees = new Set([
    ...reference.data.departments.map((d) => `department/${d.id}`),
    ...reference.data.teams.map((t) => `team/${t.id}`),
  ])
  const processor = new CommandProcessor(
    log,
    incidents,
    head,
    counter,
    (kind, id) => assignees.has(`${kind}/${id}`),
    referenceLookup(reference.data, reference.components),
  )

  const seed = options.seed ?? DEFAULTS.seed
  const time = timeModel(options.timeScale ?? 1)
  const traffic: Traffic =
    options.rate !== undefined ? { rate: options.rate } : { volume: options.volume ?? DEFAULTS.volume }
  const runId = options.runId ?? randomUUID()
  const historyIncidents = options.historyIncidents ?? DEFAULTS.historyIncidents
  if (head.seq === 0 && historyIncidents > 0) {
    const rates = rateModel(reference, traffic, time)
    const started = Date.now()
    say(`seeding history: ${Math.round(rates.casesPerDay)} reports a day, at most ${historyIncidents}…`)
    const applied = await seedHistory(processor, reference, {
      seed,
      rates,
      days: options.historyDays ?? DEFAULTS.historyDays,
      maxIncidents: historyIncidents,
      now: options.historyNow ?? Date.now(),
    })
    say(`history: ${processor.incidentCount} incidents, ${applied} events in ${Date.now() - started} ms`)
  }

  // 评分细则 and frozen assessment reports (issue 12): the default rule set is seeded into an empty store.
  const side = sideStores(db, pgStore?.db ?? null)
  const ruleSets = new RuleSetStore(side.assessment)
  await ruleSets.seedDefault()
  const reports = new ReportStore(side.assessment, ruleSets, reference.data, log)
  // Other nodes' commits reach this node's projection and clients (LISTEN/NOTIFY, read by seq).
  const following =
    options.store && pgStore
      ? listenForCommits(options.store, () => {
          void processor
            .follow()
            .then(async () => {
              // Another node may have pruned: cursors before its oldest kept seq get a reset here too.
              oldest = await log.oldestSeq()
            })
            .catch((err: unknown) => say(`following the log: ${String(err)}`))
        })
      : null

  // Accounts, sessions, enrolment, seat grants, revocation (issue 10).
  const auth = await startAuth(side.auth, { ...options, host })
  const open311 = open311Handler({
    processor,
    reference,
    clients: options.open311Clients ?? [],
    trustProxy: options.trustProxy ?? false,
    ...(options.open311AddressRate ? { addressRate: options.open311AddressRate } : {}),
  })
  // Origin and Host on every request and socket handshake: no web page, no rebound name (request-guard.ts).
  const guard: GuardPolicy = {
    hosts: options.publicHosts ?? [],
    origins: options.allowedOrigins ?? [],
    sameOrigin: false,
  }
  const lastSaid = new Map<string, number>()
  const refused = (why: string): void => {
    // Said once a minute per reason: a page hammering us must not flood the log.
    const now = Date.now()
    if ((lastSaid.get(why) ?? -Infinity) > now - 60_000) return
    if (lastSaid.size > 100) lastSaid.clear()
    lastSaid.set(why, now)
    say(`refused a request: ${why}`)
  }
  const http = createHttpServer(options.tls ?? null, (req: IncomingMessage, res: ServerResponse) => {
    const problem = guardProblem(req.headers, guard, req.method)
    if (problem) {
      refused(problem)
      res.writeHead(403, { 'content-type': 'application/json' })
      return void res.end(JSON.stringify([{ code: 403, description: problem }]))
    }
    const path = (req.url ?? '/').split('?')[0] ?? '/'
    if (path.startsWith(OPEN311_PREFIX)) return void open311(req, res)
    if (path.startsWith(AUTH_PREFIX)) return void auth.http(req, res)
    if (path === '/health') {
      // Read from the store: a node that lost its database must drop out of the load balancer.
      return void log.head().then(
        () => {
          res.writeHead(200, { 'content-type': 'application/json' })
          res.end(
            JSON.stringify({
              serverId,
              headSeq: processor.head.seq,
              oldestSeq: oldest,
              incidents: processor.incidentCount,
              leader: leader?.leading ?? true,
            }),
          )
        },
        (err: unknown) => {
          res.writeHead(503, { 'content-type': 'application/json' })
          res.end(JSON.stringify([{ code: 503, description: `store unreachable: ${String(err)}` }]))
        },
      )
    }
    res.writeHead(404, { 'content-type': 'application/json' })
    res.end(JSON.stringify([{ code: 404, description: 'not found' }]))
  })
  const io = new Server(http, {
    maxHttpBufferSize: LIMITS.messageBytes,
    serveClient: false,
    allowRequest: allowRequestFor(guard, refused),
  })
  const positions = new PositionBoard()
  const hub = attachSyncHub(io, {
    positions,
    ...(options.positionBatchMs !== undefined ? { positionBatchMs: options.positionBatchMs } : {}),
    processor,
    log,
    authenticate: auth.authenticate,
    authorOf: auth.authorOf,
    watch: auth.watch,
    accounts: async () => (await auth.admin.listUsers()).filter((a) => !a.disabled).map((a) => a.principal),
    serverId,
    reference,
    oldestSeq: () => oldest,
    assessment: { ruleSets, reports, state: () => ({ head: processor.head, incidents: [...processor.all()] }) },
    ...(options.heartbeatMs !== undefined ? { heartbeatMs: options.heartbeatMs } : {}),
  })

  const pruneBefore = async (seq: number): Promise<void> => {
    await log.pruneBefore(Math.min(seq, processor.head.seq + 1))
    oldest = await log.oldestSeq()
  }
  const retain = options.retainEvents ?? null
  let retention: NodeJS.Timeout | null = null
  if (retain !== null) {
    retention = setInterval(() => {
      const keepFrom = processor.head.seq - retain + 1
      // Prune in steps of a tenth, not on every commit.
      if (keepFrom - oldest > retain / 10)
        void pruneBefore(keepFrom).catch((err: unknown) => say(`retention: ${String(err)}`))
    }, 10_000)
    retention.unref()
  }

  const escalateEvery = options.escalateEveryMs === undefined ? DEFAULTS.escalateEveryMs : options.escalateEveryMs
  const simulator = options.simulator
    ? new Simulator(processor, reference, { traffic, seed, runId, timeScale: time.scale })
    : null
  let stopEscalation = (): void => undefined
  const lead = (): void => {
    if (escalateEvery !== null) stopEscalation = startEscalation(processor, escalateEvery, time, runId)
    simulator?.start()
  }
  const follow = (): void => {
    stopEscalation()
    stopEscalation = () => undefined
    simulator?.stop()
  }
  // The simulator and the 督办 sweeps run on one node of a cluster: the holder of an advisory lock.
  const leader =
    options.store && (simulator || escalateEvery !== null)
      ? leadWhenFree(options.store, { lead, follow }, options.leaderPollMs ?? DEFAULTS.leaderPollMs)
      : null
  if (!leader) lead()
  // Patrols report positions whenever the district is simulated (real devices report through the hub).
  const patrols =
    (options.patrols ?? options.simulator)
      ? new Patrols(reference, processor, (r) => positions.report(r), { seed, timeScale: time.scale })
      : null
  patrols?.start()

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject)
    http.listen(options.port ?? 0, host, () => {
      http.off('error', reject)
      resolve()
    })
  })
  const port = (http.address() as AddressInfo).port
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host
  let closing: Promise<void> | null = null

  return {
    url: `${options.tls ? 'https' : 'http'}://${urlHost}:${port}`,
    host,
    port,
    serverId,
    reference: reference.data,
    headSeq: () => processor.head.seq,
    oldestSeq: () => oldest,
    incident: (id) => processor.get(id),
    findByCode: (code) => processor.byCode(code),
    incidentCount: () => processor.incidentCount,
    submit: (command, principal, workstationId = null) => processor.submit({ command, principal, workstationId }),
    pruneBefore,
    verify: () => (pgStore ? log.verify() : verifyStore(options.dataDir)),
    positions,
    simulator,
    leading: () => leader?.leading ?? true,
    admin: auth.admin,
    demoCredentials: auth.demoCredentials,
    close: () => {
      closing ??= (async () => {
        await leader?.close()
        follow()
        patrols?.stop()
        if (retention) clearInterval(retention)
        hub.close()
        auth.stop()
        io.disconnectSockets(true)
        await new Promise<void>((resolve) => {
          io.close(() => resolve())
          http.closeAllConnections()
        })
        await following?.close()
        await processor.close()
        await pgStore?.close()
        await db.close()
      })()
      return closing
    },
  }
}
