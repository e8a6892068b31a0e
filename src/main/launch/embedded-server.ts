import { DEMO_TOKENS, startServer, type RunningServer } from '../../server'
import type { ServerLink } from '../core/core'

export type DemoIdentity = keyof typeof DEMO_TOKENS

export interface EmbeddedServer {
  readonly link: ServerLink
  readonly server: RunningServer
  close(): Promise<void>
}

/**
 * The central server in this process, on a free loopback port, with the
 * simulator producing a live district: what `npm start` runs when no server
 * is configured. The workstation signs in with a demo identity (the
 * city-wide operator unless `--as` names another).
 */
export async function startEmbeddedServer(options: {
  readonly dataDir: string
  readonly migrationsFolder: string
  readonly identity: DemoIdentity
  /** Events per second (0: no simulator); null lets the volume decide. */
  readonly simulatorRate: number | null
  /** Share of the source's traffic; null: the server's default. */
  readonly volume: number | null
  readonly timeScale: number
  readonly historyIncidents: number
  readonly log: (line: string) => void
}): Promise<EmbeddedServer> {
  const server = await startServer({
    dataDir: options.dataDir,
    migrationsFolder: options.migrationsFolder,
    host: '127.0.0.1',
    port: 0,
    simulator: options.simulatorRate !== 0,
    ...(options.simulatorRate ? { rate: options.simulatorRate } : {}),
    ...(options.volume !== null ? { volume: options.volume } : {}),
    timeScale: options.timeScale,
    historyIncidents: options.historyIncidents,
    logger: options.log,
  })
  return {
    link: { url: server.url, token: DEMO_TOKENS[options.identity].token },
    server,
    close: () => server.close(),
  }
}

export function isDemoIdentity(value: string): value is DemoIdentity {
  return Object.hasOwn(DEMO_TOKENS, value)
}
