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
  /** Central server to sync with; null runs one embedded. */
  readonly serverUrl: string | null
  readonly serverToken: string | null
}

/** Flags first, then environment: GRID_SERVER_URL, GRID_SERVER_TOKEN. */
export function workstationConfig(flags: Map<string, string>, env: NodeJS.ProcessEnv): WorkstationConfig {
  const serverUrl = flags.get('server') || env.GRID_SERVER_URL || null
  if (serverUrl !== null) {
    let parsed: URL
    try {
      parsed = new URL(serverUrl)
    } catch {
      throw new Error(`--server must be a URL such as http://127.0.0.1:4100 (got "${serverUrl}")`)
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`--server must be http(s) (got "${serverUrl}")`)
  }
  const serverToken = flags.get('server-token') || env.GRID_SERVER_TOKEN || null
  if (serverUrl !== null && serverToken === null) throw new Error('--server needs --server-token (or GRID_SERVER_TOKEN)')
  return { serverUrl, serverToken }
}
