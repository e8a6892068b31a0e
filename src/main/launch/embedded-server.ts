import { formatDemoCredentials, startServer, type RunningServer } from '../../server'
import type { ServerLink } from '../core/core'

export interface EmbeddedServer {
  readonly link: ServerLink
  readonly server: RunningServer
  /** A one-time code that enrols this workstation with the embedded server. */
  enrolCode(): Promise<string>
  close(): Promise<void>
}

/**
 * The central server in this process, on a free loopback port, with the
 * simulator producing a live district: what `npm start` runs when no server
 * is configured. It creates the demo cast's accounts with fresh random
 * passwords and prints them once to this console (loopback only); the
 * workstation enrols itself with it and shows the sign-in screen.
 */
export async function startEmbeddedServer(options: {
  readonly dataDir: string
  readonly migrationsFolder: string
  /** Events per second (0: no simulator); null lets the volume decide. */
  readonly simulatorRate: number | null
  /** Share of the source's traffic; null: the server's default. */
  readonly volume: number | null
  readonly timeScale: number
  readonly historyIncidents: number
  readonly log: (line: string) => void
  /** Where the per-run demo credentials are printed, once. */
  readonly print: (line: string) => void
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
    demoAccounts: true,
    logger: options.log,
  })
  for (const line of formatDemoCredentials(server.demoCredentials)) options.print(line)
  return {
    link: { url: server.url },
    server,
    enrolCode: async () => (await server.admin.issueEnrolment('本机工作站 · embedded')).code,
    close: () => server.close(),
  }
}
