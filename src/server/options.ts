import type { TokenGrant } from '@shared/protocol'
import type { AuthPolicy } from './auth/auth-service'
import type { TlsFiles } from './http/listen'
import type { Open311Client } from './http/open311-clients'
import type { RateSpec } from './http/rate-limit'

export interface ServerOptions {
  /** Folder for the store (created if missing). */
  readonly dataDir: string
  /**
   * A PostgreSQL URL (postgres://…): the log and its projection live there, shared by every node
   * started on it; default none (the SQLite file in dataDir holds everything).
   */
  readonly store?: string | null
  /** 0 (default) picks a free port. */
  readonly port?: number
  /** Default 127.0.0.1: loopback unless told otherwise. */
  readonly host?: string
  /**
   * Host names clients reach this server by, besides IP literals and localhost
   * (a request naming any other Host is refused: DNS rebinding).
   */
  readonly publicHosts?: readonly string[]
  /** Browser origins allowed to call the server (default none: no web page may). */
  readonly allowedOrigins?: readonly string[]
  /** Service tokens (non-person clients: integrations, tests); default none. People sign in (src/server/auth). */
  readonly tokens?: readonly TokenGrant[]
  /** Create (or renew) the demo cast's accounts with fresh random passwords; loopback only, refused otherwise. */
  readonly demoAccounts?: boolean
  /** Where the demo credentials are printed, once (the quick start's console); default nowhere. */
  readonly printDemoCredentials?: (line: string) => void
  /** Session lifetimes, lockout and throttling (defaults in DEFAULT_AUTH_POLICY). */
  readonly auth?: Partial<Omit<AuthPolicy, 'allowDemo'>>
  /** How often the server looks for revocations made by another process (the admin CLI), ms. Default 1000. */
  readonly revocationPollMs?: number
  /** Behind a reverse proxy: take the client's address from X-Forwarded-For (for throttling and the audit). */
  readonly trustProxy?: boolean
  /** Serve HTTPS and WSS with this certificate and key (PEM). */
  readonly tls?: TlsFiles | null
  /** Run the live simulator (default false in the API, on in the CLI). */
  readonly simulator?: boolean
  /**
   * The district's traffic as a share of the source's volume, for history and simulator alike
   * (1 = the source's scale: Dongfeng's 2021 fire and gas figures, ~6,800 reports a day city-wide;
   * default DEFAULTS.volume, a sample that seeds a month of history in seconds).
   */
  readonly volume?: number
  /** …or as events per second, daily average; takes precedence over `volume`. Above 50: a flat stress load. */
  readonly rate?: number
  /** District time per real time: 1 (default) runs in real time, 60 makes an hour pass in a minute. */
  readonly timeScale?: number
  /** Seed of the simulator and the seeded history (default 'grid-command'). */
  readonly seed?: string
  /** At most about this many incidents of history in an empty store (default 5000; tests pass 0 for none). */
  readonly historyIncidents?: number
  /** Days of (district) time the history covers, fewer if the cap above is reached first (default 30). */
  readonly historyDays?: number
  /** The moment the seeded history ends (default: now); the same seed and moment give the same history. */
  readonly historyNow?: number
  /** Tells this run's simulator and escalation command ids from any other run's (default: random per start). */
  readonly runId?: string
  /** Keep only the newest N events (older cursors get a reset); default: keep everything. */
  readonly retainEvents?: number | null
  /** Automatic escalation sweep period, ms; null turns it off. Default 60 s. */
  readonly escalateEveryMs?: number | null
  /** On PostgreSQL: how often a node that does not lead tries the leader lock, ms (default 1 s). */
  readonly leaderPollMs?: number
  readonly heartbeatMs?: number
  /** Simulated patrols reporting positions (default: on when the simulator is). */
  readonly patrols?: boolean
  /** Milliseconds between `positions` batches (default LIMITS.positionBatchMs). */
  readonly positionBatchMs?: number
  readonly migrationsFolder?: string
  /** Seed of the reference data (the district itself); default DEFAULT_REFERENCE_SEED. */
  readonly referenceSeed?: string
  /** Open311 clients allowed to POST reports, by api_key (default none: the intake only reads). */
  readonly open311Clients?: readonly Open311Client[]
  /** Open311 requests per client address (default ADDRESS_RATE: 60 a minute, bursts of 20). */
  readonly open311AddressRate?: RateSpec
  /** Where progress lines go (default: nowhere). */
  readonly logger?: (line: string) => void
}

export const DEFAULTS = {
  host: '127.0.0.1',
  /** About 80 reports a day city-wide: a month of history is ~2,500 cases and seeds in seconds. */
  volume: 0.012,
  seed: 'grid-command',
  historyIncidents: 5000,
  historyDays: 30,
  escalateEveryMs: 60_000,
  leaderPollMs: 1000,
  cliPort: 4311,
} as const
