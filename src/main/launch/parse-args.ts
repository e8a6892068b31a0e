import { parseServerUrls } from '../core/sync/server-endpoints'

/**
 * Command-line flags shared by the Electron shell and the browser host:
 * `--name value` or `--name=value`; repeated flags keep the last value.
 */
export function parseFlags(argv: readonly string[]): Map<string, string> {
  const flags = new Map<string, string>()
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    if (!arg.startsWith('--')) continue
    const eq = arg.indexOf('=')
    if (eq > 0) {
      flags.set(arg.slice(2, eq), arg.slice(eq + 1))
      continue
    }
    const next = argv[i + 1]
    if (next !== undefined && !next.startsWith('--')) {
      flags.set(arg.slice(2), next)
      i++
    } else flags.set(arg.slice(2), 'true')
  }
  return flags
}

export interface WorkstationConfig {
  /** Central server to sync with (the first of `serverUrls`); null runs one embedded. */
  readonly serverUrl: string | null
  /**
   * Every address of the central server (`--server A,B,C`): the nodes of one cluster, tried in turn
   * when the link is lost. Empty when the server runs embedded.
   */
  readonly serverUrls: readonly string[]
  /** A private CA's certificate file (PEM) to trust for an https server (`--ca-file`, GRID_CA_FILE). */
  readonly caFile: string | null
  /**
   * A file holding a one-time enrolment code (`--enrol-code-file`), or the code itself from
   * GRID_ENROL_CODE: used once, when this workstation has no credential yet.
   */
  readonly enrolCodeFile: string | null
  readonly enrolCode: string | null
  /** Embedded mode: simulator events per second (0 turns it off; null: the district's volume decides). */
  readonly simulatorRate: number | null
  /** Embedded mode: the district's traffic as a share of the source's (null: the server's default). */
  readonly volume: number | null
  /** Embedded mode: district time per real time (1 = real time). */
  readonly timeScale: number
  /** Embedded mode: at most about this many incidents of history seeded into a new server store. */
  readonly historyIncidents: number
}

/** Flags that once carried secrets or identities on the command line, and what replaced them. */
const RETIRED: Record<string, string> = {
  'server-token':
    'people sign in on the sign-in screen now; a workstation enrols once with a one-time code (--enrol-code-file or GRID_ENROL_CODE)',
  as: 'the quick start prints per-run demo accounts to sign in with on the sign-in screen',
  token:
    'use --token-file FILE (0600) or GRID_HOST_TOKEN: a token on a command line is visible to every user of the machine',
  'wall-token': 'use --wall-token-file FILE (0600) or GRID_WALL_TOKEN',
}

/** Flags first, then environment: GRID_SERVER_URL, GRID_CA_FILE, GRID_ENROL_CODE. */
export function workstationConfig(flags: Map<string, string>, env: NodeJS.ProcessEnv): WorkstationConfig {
  for (const [flag, instead] of Object.entries(RETIRED))
    if (flags.has(flag)) throw new Error(`--${flag} is no longer accepted: ${instead}`)
  if (env.GRID_SERVER_TOKEN) throw new Error(`GRID_SERVER_TOKEN is no longer used: ${RETIRED['server-token']}`)
  const serverText = flags.get('server') || env.GRID_SERVER_URL || null
  const serverUrls = serverText === null ? [] : parseServerUrls(serverText)
  const serverUrl = serverUrls[0] ?? null
  const caFile = flags.get('ca-file') || env.GRID_CA_FILE || null
  const enrolCodeFile = flags.get('enrol-code-file') || null
  const enrolCode = env.GRID_ENROL_CODE || null
  const rateText = flags.get('simulator-rate') ?? env.GRID_SIMULATOR_RATE ?? null
  const simulatorRate = rateText === null ? null : Number(rateText)
  if (simulatorRate !== null && (!Number.isFinite(simulatorRate) || simulatorRate < 0 || simulatorRate > 1000)) {
    throw new Error(`--simulator-rate must be 0–1000 events/s (got "${rateText}")`)
  }
  const volumeText = flags.get('volume') ?? env.GRID_DEMO_VOLUME ?? null
  const volume = volumeText === null ? null : Number(volumeText)
  if (volume !== null && (!Number.isFinite(volume) || volume < 0 || volume > 10)) {
    throw new Error(`--volume must be a share of the source's traffic, 0–10 (got "${volumeText}")`)
  }
  const scaleText = flags.get('time-scale') ?? env.GRID_DEMO_TIME_SCALE ?? '1'
  const timeScale = Number(scaleText)
  if (!Number.isFinite(timeScale) || timeScale < 1 || timeScale > 100_000) {
    throw new Error(`--time-scale must be 1–100000 (got "${scaleText}")`)
  }
  const historyText = flags.get('history') ?? env.GRID_DEMO_HISTORY ?? '3000'
  const historyIncidents = Number(historyText)
  if (!Number.isInteger(historyIncidents) || historyIncidents < 0) {
    throw new Error(`--history must be a whole number of incidents (got "${historyText}")`)
  }
  return { serverUrl, serverUrls, caFile, enrolCodeFile, enrolCode, simulatorRate, volume, timeScale, historyIncidents }
}
