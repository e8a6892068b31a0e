import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { readPrivateFile } from '@infra/fs'
import { createCore, type Core, type ServerLink } from '../core/core'
import type { ShellFiles } from '../core/assessment/shell-files'
import type { SecretVault } from '../core/session/secrets'
import type { AppPaths } from './app-paths'
import { startEmbeddedServer, type EmbeddedServer } from './embedded-server'
import type { WorkstationConfig } from './parse-args'

export interface Workstation {
  readonly core: Core
  readonly embedded: EmbeddedServer | null
  close(): Promise<void>
}

/** The CA certificate to trust for an https server (public, but it must be there). */
function readCa(file: string | null): string | null {
  if (!file) return null
  if (!existsSync(file)) throw new Error(`--ca-file ${file} does not exist`)
  return readFileSync(file, 'utf8')
}

/**
 * Starts the core the same way for the Electron shell and the browser host: with
 * the configured central server, or with one embedded in this process (its own
 * data folder beside the cache) so the app works out of the box. Either way
 * people sign in on the sign-in screen.
 */
export async function startWorkstation(options: {
  readonly dataDir: string
  readonly paths: AppPaths
  readonly host: 'electron' | 'browser'
  readonly version: string
  readonly config: WorkstationConfig
  /** Where secrets live; default a 0600 file in the data folder (the shell passes safeStorage). */
  readonly vault?: SecretVault
  /** The shell's save dialog and print-to-PDF (Electron). */
  readonly shellFiles?: ShellFiles
}): Promise<Workstation> {
  const { config } = options
  const embedded =
    config.serverUrl === null
      ? await startEmbeddedServer({
          dataDir: path.join(options.dataDir, 'central-server'),
          migrationsFolder: options.paths.serverMigrations,
          simulatorRate: config.simulatorRate,
          volume: config.volume,
          timeScale: config.timeScale,
          historyIncidents: config.historyIncidents,
          log: (line) => console.log(`[central server] ${line}`),
          print: (line) => console.log(line),
        })
      : null
  const server: ServerLink = embedded
    ? embedded.link
    : { url: config.serverUrl ?? '', urls: config.serverUrls, ca: readCa(config.caFile) }
  const fromFile = config.enrolCodeFile ? readPrivateFile(config.enrolCodeFile).trim() : null
  const enrolCode = embedded ? () => embedded.enrolCode() : async () => fromFile ?? config.enrolCode
  let core: Core
  try {
    core = await createCore({
      dataDir: options.dataDir,
      migrationsFolder: options.paths.migrations,
      host: options.host,
      version: options.version,
      server,
      embeddedServer: embedded !== null,
      enrolCode,
      ...(options.vault ? { vault: options.vault } : {}),
      ...(options.shellFiles ? { shellFiles: options.shellFiles } : {}),
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
