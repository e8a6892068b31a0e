import path from 'node:path'
import { createCore, type Core, type ServerLink } from '../core/core'
import type { AppPaths } from './app-paths'
import { startEmbeddedServer, type EmbeddedServer } from './embedded-server'
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
  const embedded =
    options.config.serverUrl === null ? await startEmbeddedServer(path.join(options.dataDir, 'central-server')) : null
  const server: ServerLink | null = embedded
    ? embedded.link
    : { url: options.config.serverUrl ?? '', token: options.config.serverToken ?? '' }
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
