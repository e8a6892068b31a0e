import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { DEMO_TOKEN_LIST, type TokenGrant } from '@shared/protocol'
import { parseTokenSpec, readTokensFile } from './auth/tokens'
import { startServer } from './index'
import { DEFAULTS } from './options'
import { verifyStore } from './verify-store'

const USAGE = `usage:
  tsx src/server/cli.ts [serve] [--port 4311] [--host 127.0.0.1] [--data-dir .data/server]
      [--token token:role:actorId:name:towns]... [--tokens-file tokens.json]
      [--simulator on|off] [--rate 2] [--seed grid-command] [--history 2000] [--retain N]
  tsx src/server/cli.ts verify --data-dir .data/server`

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      token: { type: 'string', multiple: true },
      'tokens-file': { type: 'string' },
      simulator: { type: 'string' },
      rate: { type: 'string' },
      seed: { type: 'string' },
      history: { type: 'string' },
      retain: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) {
    console.log(USAGE)
    return 0
  }
  const command = positionals[0] ?? 'serve'
  const dataDir = resolve(values['data-dir'] ?? '.data/server')
  const num = (v: string | undefined, name: string, fallback: number): number => {
    if (v === undefined) return fallback
    const n = Number(v)
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number`)
    return n
  }

  if (command === 'verify') {
    const result = await verifyStore(dataDir)
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
  if (command !== 'serve') {
    console.error(USAGE)
    return 2
  }

  const tokens: TokenGrant[] = [
    ...(values.token ?? []).map(parseTokenSpec),
    ...(values['tokens-file'] ? readTokensFile(values['tokens-file']) : []),
  ]
  const host = values.host ?? DEFAULTS.host
  const server = await startServer({
    dataDir,
    host,
    port: num(values.port, 'port', DEFAULTS.cliPort),
    tokens: tokens.length > 0 ? tokens : DEMO_TOKEN_LIST,
    simulator: (values.simulator ?? 'on') !== 'off',
    rate: num(values.rate, 'rate', DEFAULTS.rate),
    seed: values.seed ?? DEFAULTS.seed,
    historyIncidents: num(values.history, 'history', DEFAULTS.historyIncidents),
    retainEvents: values.retain === undefined ? null : num(values.retain, 'retain', 0),
    logger: (line) => console.log(line),
  })
  console.log(`Grid Command central server ${server.serverId}`)
  console.log(`  sync (socket.io): ${server.url}/sync   Open311: ${server.url}/open311/v2/services.json`)
  console.log(`  data: ${dataDir}   log head: ${server.headSeq()}   incidents: ${server.incidentCount()}`)
  console.log(`  simulator: ${server.simulator ? `${server.simulator.rate} events/s` : 'off'}`)
  if (tokens.length === 0) {
    console.log('  demo tokens (loopback demo only):')
    for (const t of DEMO_TOKEN_LIST) {
      const towns = t.principal.towns === '*' ? 'all towns' : t.principal.towns.join(',')
      console.log(`    ${t.token.padEnd(18)} ${t.principal.role.padEnd(11)} ${t.principal.actorId} (${towns})`)
    }
  }
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1' && tokens.length === 0) {
    console.warn('  WARNING: listening beyond loopback with the demo tokens; pass --token or --tokens-file')
  }
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

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code)
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err))
    process.exit(1)
  },
)
