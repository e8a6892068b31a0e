import { randomBytes } from 'node:crypto'
import { homedir } from 'node:os'
import path from 'node:path'
import { ensurePrivateDir } from '@infra/fs'
import { appPaths } from '../launch/app-paths'
import { parseFlags, workstationConfig } from '../launch/parse-args'
import { shutDown } from '../launch/shutdown'
import { startWorkstation } from '../launch/start-workstation'
import { isLoopback, startHostServer } from './host-server'
import { secretFrom } from './secret-source'

const USAGE = `npm run host -- [--data-dir DIR] [--port 5180] [--bind 127.0.0.1] [--token-file F] [--wall-token-file F]
                   [--public-host NAME[,NAME…]] [--server URL[,URL…] [--ca-file ca.pem] [--enrol-code-file F]]
  --data-dir         where the local cache lives (env GRID_DATA_DIR; default ~/.grid-command)
  --port             HTTP port for the browser UI (0 picks a free one)
  --bind             interface; anything but loopback needs a token file
  --token-file       file (0600) holding the token for full access, 16+ characters (env GRID_HOST_TOKEN);
                     browsers open /?token=…. Without one the host mints a random token for this run and
                     prints the address to open with it, once, to this console
  --wall-token-file  file (0600) holding a read-only token for video-wall PCs, 16+ characters
                     (env GRID_WALL_TOKEN); /wall?token=…
  --public-host      names browsers reach this host by, comma-separated (IP addresses and localhost always work)
  --server           central server URL (http or https), or several of one cluster, comma-separated
                     (a lost link fails over to the next); without it a server runs embedded
  --ca-file          a private CA's certificate (PEM) to trust for an https server (env GRID_CA_FILE)
  --enrol-code-file  file with a one-time enrolment code from \`npm run server -- workstations enrol\`
                     (env GRID_ENROL_CODE); or type the code on the sign-in screen
  --volume           embedded server: the district's traffic as a share of the source's (default 0.012,
                     about 80 reports a day; 1 = the source's scale, ~6,800 a day)
  --simulator-rate   embedded server: the same as simulated events per second (0 = no simulator)
  --time-scale       embedded server: district time per real time (default 1; 60 = an hour passes in a minute)
  --history          embedded server: at most about this many incidents of history in a new store (default 3000)
  People sign in on the sign-in screen; the embedded server prints this run's demo accounts.`

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2))
  if (flags.has('help')) {
    console.log(USAGE)
    return
  }
  const dataDir = path.resolve(
    flags.get('data-dir') ?? process.env.GRID_DATA_DIR ?? path.join(homedir(), '.grid-command'),
  )
  ensurePrivateDir(dataDir)
  const bind = flags.get('bind') ?? '127.0.0.1'
  const port = Number(flags.get('port') ?? process.env.GRID_HOST_PORT ?? 5180)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0–65535 (got ${flags.get('port')})`)
  const config = workstationConfig(flags, process.env)
  const given = secretFrom(flags.get('token-file'), process.env.GRID_HOST_TOKEN)
  const wallToken = secretFrom(flags.get('wall-token-file'), process.env.GRID_WALL_TOKEN)
  if (!isLoopback(bind) && !given) throw new Error(`binding to ${bind} needs --token-file (or GRID_HOST_TOKEN)`)
  for (const [name, value] of [
    ['the host token', given],
    ['the wall token', wallToken],
  ] as const)
    if (value !== null && value.length < 16) throw new Error(`${name} must be at least 16 characters`)
  // Even on loopback: any local user or web page could otherwise drive the operator's workstation.
  const token = given ?? randomBytes(24).toString('base64url')

  const paths = appPaths()
  const workstation = await startWorkstation({
    dataDir,
    paths,
    host: 'browser',
    version: process.env.npm_package_version ?? '0.1.0',
    config,
  })
  const host = await startHostServer({
    core: workstation.core,
    rendererDir: paths.renderer,
    resourcesDir: paths.resources,
    port,
    bind,
    tokens: { full: token, readOnly: wallToken },
    publicHosts: (flags.get('public-host') ?? '')
      .split(',')
      .map((h) => h.trim())
      .filter(Boolean),
  })
  // A token given in a file or the environment is never printed: whoever runs the host has it. One
  // minted for this run is shown once, here, in the address to open (as the per-run demo accounts
  // are); the page takes it out of the address bar at once and keeps it for the tab only.
  console.log(
    `Grid Command browser host: ${host.url}/${given ? '  (open with ?token= and the host token)' : `?token=${encodeURIComponent(token)}`}`,
  )
  if (wallToken) console.log(`Video wall (read-only): ${host.url}/wall  (open with ?token= and the wall token)`)
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
