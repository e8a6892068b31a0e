import path from 'node:path'
import { createCore, type Core, type ServerLink } from '../core/core'
import type { AppPaths } from './app-paths'
import { isDemoIdentity, startEmbeddedServer, type EmbeddedServer } from './embedded-server'
import type { WorkstationConfig } from './parse-args'

export interface Workstation {
  readonly core: Core
  readonly embedded: EmbeddedServer | null
  close(): Promise<void>
}

/**
 * Starts the core the same way for the Electron shell and the browser host: with
 * the configured central server, or with one embedded in this process (its own
 * data folder beside the cache) so the app works out of the box.
 */
export async function startWorkstation(options: {
  readonly dataDir: string
  readonly paths: AppPaths
  readonly host: 'electron' | 'browser'
  readonly version: string
  readonly config: WorkstationConfig
}): Promise<Workstation> {
  const { config } = options
  if (config.serverUrl === null && !isDemoIdentity(config.demoIdentity)) {
    throw new Error(
      `--as must name a demo identity (operator, supervisor, henglanOperator, wall…), got "${config.demoIdentity}"`,
    )
  }
  const embedded =
    config.serverUrl === null
      ? await startEmbeddedServer({
          dataDir: path.join(options.dataDir, 'central-server'),
          migrationsFolder: options.paths.serverMigrations,
          identity: config.demoIdentity as Parameters<typeof startEmbeddedServer>[0]['identity'],
          simulatorRate: config.simulatorRate,
          volume: config.volume,
          timeScale: config.timeScale,
          historyIncidents: config.historyIncidents,
          log: (line) => console.log(`[central server] ${line}`),
        })
      : null
  const server: ServerLink | null = embedded
    ? embedded.link
    : { url: config.serverUrl ?? '', token: config.serverToken ?? '' }
  let core: Core
  try {
    core = await createCore({
      dataDir: options.dataDir,
      migrationsFolder: options.paths.migrations,
      host: options.host,
      version: options.version,
      server,
      embeddedServer: embedded !== null,
    })
  } catch (err) {
    await embedded?.close()
    throw err
  }
  return {
    core,
    embedded,
    async close() {
      await core.close()
      await embedded?.close()
    },
  }
}
