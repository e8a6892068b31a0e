import { mkdirSync } from 'node:fs'
import { homedir } from 'node:os'
import path from 'node:path'
import { appPaths } from '../launch/app-paths'
import { parseFlags, workstationConfig } from '../launch/parse-args'
import { shutDown } from '../launch/shutdown'
import { startWorkstation } from '../launch/start-workstation'
import { isLoopback, startHostServer } from './host-server'

const USAGE = `npm run host -- [--data-dir DIR] [--port 5180] [--bind 127.0.0.1] [--token T] [--wall-token T]
                   [--server URL --server-token T]
  --data-dir    where the local cache lives (env GRID_DATA_DIR; default ~/.grid-command)
  --port        HTTP port for the browser UI (0 picks a free one)
  --bind        interface; anything but loopback needs --token
  --token       token for full access (browsers open /?token=T)
  --wall-token  read-only token for video-wall PCs (/wall?token=T)
  --server      central server URL; without it a server runs embedded
  --as          embedded server: demo identity to sign in as (operator, supervisor, henglanOperator, wall)
  --volume      embedded server: the district's traffic as a share of the source's (default 0.012, about
                80 reports a day; 1 = the source's scale, ~6,800 a day)
  --simulator-rate  embedded server: the same as simulated events per second (0 = no simulator)
  --time-scale  embedded server: district time per real time (default 1; 60 = an hour passes in a minute)
  --history     embedded server: at most about this many incidents of history in a new store (default 3000)`

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2))
  if (flags.has('help')) {
    console.log(USAGE)
    return
  }
  const dataDir = path.resolve(
    flags.get('data-dir') ?? process.env.GRID_DATA_DIR ?? path.join(homedir(), '.grid-command'),
  )
  mkdirSync(dataDir, { recursive: true })
  const bind = flags.get('bind') ?? '127.0.0.1'
  const port = Number(flags.get('port') ?? process.env.GRID_HOST_PORT ?? 5180)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0–65535 (got ${flags.get('port')})`)
  const token = flags.get('token') ?? process.env.GRID_HOST_TOKEN ?? null
  const wallToken = flags.get('wall-token') ?? process.env.GRID_WALL_TOKEN ?? null
  if (!isLoopback(bind) && !token) throw new Error(`binding to ${bind} needs --token`)

  const paths = appPaths()
  const workstation = await startWorkstation({
    dataDir,
    paths,
    host: 'browser',
    version: process.env.npm_package_version ?? '0.1.0',
    config: workstationConfig(flags, process.env),
  })
  const host = await startHostServer({
    core: workstation.core,
    rendererDir: paths.renderer,
    resourcesDir: paths.resources,
    port,
    bind,
    tokens: { full: token, readOnly: wallToken },
  })
  const suffix = token ? `/?token=${encodeURIComponent(token)}` : '/'
  console.log(`Grid Command browser host: ${host.url}${suffix}`)
  if (wallToken) console.log(`Video wall (read-only): ${host.url}/wall?token=${encodeURIComponent(wallToken)}`)
  console.log(
    `Data folder: ${dataDir}${workstation.embedded ? ` · central server embedded at ${workstation.embedded.link.url}` : ''}`,
  )

  let stopping = false
  const stop = async (): Promise<void> => {
    if (stopping) return
    stopping = true
    const clean = await shutDown(
      [
        ['browser host', () => host.close()],
        ['workstation', () => workstation.close()],
      ],
      { stepMs: 10_000, log: (line) => console.error(line) },
    )
    process.exit(clean ? 0 : 1)
  }
  process.on('SIGINT', () => void stop())
  process.on('SIGTERM', () => void stop())
}

main().catch((err: unknown) => {
  console.error(`grid-command host: ${err instanceof Error ? err.message : String(err)}`)
  process.exit(1)
})
