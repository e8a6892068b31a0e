import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { readPrivateFile } from '@infra/fs'
import type { TokenGrant } from '@shared/protocol'
import { ADMIN_USAGE, runAdmin } from './cli-admin'
import { ASSESSMENT_USAGE } from './cli-assessment'
import { readTokensFile } from './auth/tokens'
import { isLoopbackHost } from './http/listen'
import { readOpen311Clients } from './http/open311-clients'
import { startServer } from './index'
import { DEFAULTS } from './options'
import { generateReference } from './reference/generate'
import { calibrate } from './sim/calibrate'
import { calibrationTable } from './sim/calibration-table'
import { verifyPgStore, verifyStore } from './verify-store'
import { isPostgresUrl } from './pg/open'

const USAGE = `usage (npm run server -- …):
  server [serve] [--port 4311] [--host 127.0.0.1] [--data-dir .data/server] [--store postgres://…]
      [--tls-cert cert.pem --tls-key key.pem] [--trust-proxy]
      [--demo-accounts] [--tokens-file service-tokens.json]
      [--access-minutes 10] [--session-hours 12] [--offline-days 7]
      [--simulator on|off] [--volume 0.012 | --rate EVENTS_PER_S] [--time-scale 1] [--seed grid-command]
      [--history 5000] [--history-days 30] [--now ISO_TIME] [--retain N]
      [--open311-keys-file keys.json] [--public-host NAME]... [--allow-origin ORIGIN]...
  server verify --data-dir .data/server | --store postgres://…
  server calibrate [--days 365] [--volume 0.1] [--seed grid-command]
${ADMIN_USAGE}
${ASSESSMENT_USAGE}

  --store       keep the log, accounts, sessions, rule sets and reports on PostgreSQL (also GRID_STORE_URL):
                any number of nodes may share it; the simulator and escalation run on one of them (a lock)
  --volume      the district's traffic as a share of the source's (1: ~6,800 reports a day city-wide,
                Dongfeng's 2021 fire and gas figures); history and simulator share it
  --rate        the same as simulator events per second (above 50: a flat stress load)
  --time-scale  district time per real time (60: an hour of the district passes in a minute)
  --history     at most about this many incidents of history in a new store (0: none)
  --now         where the seeded history ends (default: now); same seed + same --now = same history
  calibrate     simulates the district (a pure model run) and prints its figures beside the source's`

const ADMIN_AREAS = new Set(['users', 'workstations', 'audit', 'rulesets'])

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE)
    return 0
  }
  const area = argv.find((a) => !a.startsWith('-'))
  if (area && ADMIN_AREAS.has(area)) {
    const rest = argv.filter((a, i) => i !== argv.indexOf(area))
    const dirAt = rest.findIndex((a) => a === '--data-dir' || a.startsWith('--data-dir='))
    const dirArg = dirAt < 0 ? undefined : rest[dirAt]?.includes('=') ? rest[dirAt]?.split('=')[1] : rest[dirAt + 1]
    return runAdmin(area, rest, resolve(dirArg ?? '.data/server'))
  }
  if (argv.some((a) => a === '--token' || a.startsWith('--token='))) {
    throw new Error(
      '--token is no longer accepted: tokens on a command line are visible to every user of the machine. People sign in with accounts (`users add`); service tokens go in --tokens-file (0600).',
    )
  }
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      store: { type: 'string' },
      'tokens-file': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'trust-proxy': { type: 'boolean' },
      'demo-accounts': { type: 'boolean' },
      'access-minutes': { type: 'string' },
      'session-hours': { type: 'string' },
      'offline-days': { type: 'string' },
      'open311-keys-file': { type: 'string' },
      'public-host': { type: 'string', multiple: true },
      'allow-origin': { type: 'string', multiple: true },
      simulator: { type: 'string' },
      rate: { type: 'string' },
      volume: { type: 'string' },
      'time-scale': { type: 'string' },
      seed: { type: 'string' },
      history: { type: 'string' },
      'history-days': { type: 'string' },
      now: { type: 'string' },
      days: { type: 'string' },
      retain: { type: 'string' },
    },
  })
  const command = positionals[0] ?? 'serve'
  const dataDir = resolve(values['data-dir'] ?? '.data/server')
  // The PostgreSQL store (several nodes share it); GRID_STORE_URL keeps the password off the command line.
  const store = values.store ?? process.env.GRID_STORE_URL ?? null
  if (store !== null && !isPostgresUrl(store))
    throw new Error(`--store must be a postgres://… URL (got "${store.split('@').pop() ?? ''}")`)
  const num = (v: string | undefined, name: string, fallback: number): number => {
    if (v === undefined) return fallback
    const n = Number(v)
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number`)
    return n
  }

  const scale = (v: string | undefined): number => {
    const n = num(v, 'time-scale', 1)
    if (n < 1) throw new Error('--time-scale must be 1 or more')
    return n
  }
  const instant = (v: string): number => {
    const t = /^\d+$/.test(v) ? Number(v) : Date.parse(v)
    if (!Number.isFinite(t)) throw new Error(`--now must be an ISO time or ms since the epoch (got "${v}")`)
    return t
  }

  if (command === 'verify') {
    const result = store ? await verifyPgStore(store) : await verifyStore(dataDir)
    if (result.ok) {
      console.log(
        `ok: ${result.checked} events (seq ${result.oldestSeq}…${result.headSeq}) chain intact${result.projectionChecked ? ', projection matches' : ''}`,
      )
      return 0
    }
    console.error(
      `TAMPERED at seq ${result.problem?.seq}: ${result.problem?.reason} (${result.checked} events verified before it)`,
    )
    return 1
  }
  if (command === 'calibrate') {
    const seed = values.seed ?? DEFAULTS.seed
    const volume = num(values.volume, 'volume', 0.1)
    const days = num(values.days, 'days', 365)
    const started = Date.now()
    const result = calibrate({ ref: generateReference(), seed, days, volume })
    console.log(calibrationTable(result, seed))
    console.log(`\n(${((Date.now() - started) / 1000).toFixed(1)} s)`)
    return 0
  }
  if (command !== 'serve') {
    console.error(USAGE)
    return 2
  }

  const tokens: TokenGrant[] = values['tokens-file'] ? readTokensFile(values['tokens-file']) : []
  const host = values.host ?? DEFAULTS.host
  if (values['demo-accounts'] && !isLoopbackHost(host))
    throw new Error(
      `refusing --demo-accounts on ${host}: demo accounts are for loopback only; create accounts with \`users add\``,
    )
  if (Boolean(values['tls-cert']) !== Boolean(values['tls-key']))
    throw new Error('--tls-cert and --tls-key go together')
  const tls =
    values['tls-cert'] && values['tls-key']
      ? { cert: readCertificate(values['tls-cert']), key: readPrivateFile(values['tls-key']) }
      : null
  const minutes = (v: string | undefined, name: string, fallback: number, unit: number) => num(v, name, fallback) * unit
  const server = await startServer({
    dataDir,
    store,
    host,
    port: num(values.port, 'port', DEFAULTS.cliPort),
    tokens,
    tls,
    trustProxy: values['trust-proxy'] ?? false,
    demoAccounts: values['demo-accounts'] ?? false,
    printDemoCredentials: (line) => console.log(line),
    auth: {
      accessTtlMs: minutes(values['access-minutes'], 'access-minutes', 10, 60_000),
      refreshTtlMs: minutes(values['session-hours'], 'session-hours', 12, 3_600_000),
      grantTtlMs: minutes(values['offline-days'], 'offline-days', 7, 86_400_000),
    },
    simulator: (values.simulator ?? 'on') !== 'off',
    ...(values.rate !== undefined ? { rate: num(values.rate, 'rate', 0) } : {}),
    volume: num(values.volume, 'volume', DEFAULTS.volume),
    timeScale: scale(values['time-scale']),
    seed: values.seed ?? DEFAULTS.seed,
    historyIncidents: num(values.history, 'history', DEFAULTS.historyIncidents),
    historyDays: num(values['history-days'], 'history-days', DEFAULTS.historyDays),
    ...(values.now !== undefined ? { historyNow: instant(values.now) } : {}),
    retainEvents: values.retain === undefined ? null : num(values.retain, 'retain', 0),
    publicHosts: values['public-host'] ?? [],
    allowedOrigins: values['allow-origin'] ?? [],
    open311Clients: values['open311-keys-file'] ? readOpen311Clients(values['open311-keys-file']) : [],
    logger: (line) => console.log(line),
  })
  console.log(`Grid Command central server ${server.serverId}`)
  console.log(`  sync (socket.io): ${server.url}/sync   Open311: ${server.url}/open311/v2/services.json`)
  if (store) console.log(`  log: PostgreSQL ${new URL(store).host}${new URL(store).pathname}`)
  console.log(`  data: ${dataDir}   log head: ${server.headSeq()}   incidents: ${server.incidentCount()}`)
  const sim = server.simulator
  console.log(
    `  simulator: ${sim ? `${Math.round(sim.rateModel.casesPerDay)} reports a day (volume ${sim.rateModel.volume.toPrecision(3)}), ${sim.rate.toPrecision(3)} events/s, time ×${sim.rateModel.time.scale}` : 'off'}`,
  )
  console.log(`  sign-in: ${server.url}/auth/v1/…   service tokens: ${tokens.length}`)
  if (!values['open311-keys-file'])
    console.log('  Open311: read-only (no --open311-keys-file: POSTs are refused for want of an api_key)')
  const stop = (): void => {
    console.log('stopping…')
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  return -1
}

/** A certificate is public, but read it the same way (and say clearly when it is missing). */
function readCertificate(file: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch (err) {
    throw new Error(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`, { cause: err })
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code)
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err))
    process.exit(1)
  },
)
