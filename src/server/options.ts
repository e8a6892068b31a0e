import type { TokenGrant } from '@shared/protocol'

export interface ServerOptions {
  /** Folder for the store (created if missing). */
  readonly dataDir: string
  /** 0 (default) picks a free port. */
  readonly port?: number
  /** Default 127.0.0.1: loopback unless told otherwise. */
  readonly host?: string
  /** Accepted tokens; default the demo tokens (DEMO_TOKEN_LIST). */
  readonly tokens?: readonly TokenGrant[]
  /** Run the live simulator (default false in the API, on in the CLI). */
  readonly simulator?: boolean
  /** Simulator events per second (default 2; 1,000 is the stress load). */
  readonly rate?: number
  /** Seed of the simulator and the seeded history (default 'grid-command'). */
  readonly seed?: string
  /** Incidents of history written into an empty store (default 2000; tests pass 0). */
  readonly historyIncidents?: number
  readonly historyDays?: number
  /** The moment the seeded history ends (default: now); fixing it makes the history reproducible. */
  readonly historyNow?: number
  /** Keep only the newest N events (older cursors get a reset); default: keep everything. */
  readonly retainEvents?: number | null
  /** Automatic escalation sweep period, ms; null turns it off. Default 60 s. */
  readonly escalateEveryMs?: number | null
  readonly heartbeatMs?: number
  readonly migrationsFolder?: string
  /** Seed of the reference data (the district itself); default DEFAULT_REFERENCE_SEED. */
  readonly referenceSeed?: string
  /** Where progress lines go (default: nowhere). */
  readonly logger?: (line: string) => void
}

export const DEFAULTS = {
  host: '127.0.0.1',
  rate: 2,
  seed: 'grid-command',
  historyIncidents: 2000,
  historyDays: 30,
  escalateEveryMs: 60_000,
  cliPort: 4311,
} as const
