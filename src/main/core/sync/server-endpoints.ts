import { backoffMs } from './backoff'

/**
 * The reconnect delay cap. A seat that lost its server retries at least this often, so after the
 * link returns it is back within ~cap + a hello (docs/architecture.md, "Reconnecting"): 5 s keeps
 * a 3-seat room under 10 s, and jitter spreads a 500-seat city over the same window.
 */
export const RECONNECT_CAP_MS = 5_000
/** The first retry's delay (doubling per failed round up to the cap). */
export const RECONNECT_BASE_MS = 250

/**
 * The central server's addresses (one, or the nodes of one cluster) and which one the workstation
 * uses now. A link that fails moves on to the next address; only after a whole round of them failed
 * does the delay grow (exponential, capped, jittered — backoff.ts). Every node of a cluster has the
 * same serverId, so the stored cursor is valid on whichever answers.
 */
export class ServerEndpoints {
  readonly urls: readonly string[]
  private index = 0
  private failures = 0

  constructor(
    urls: readonly string[],
    private readonly random: () => number = Math.random,
    /** The delay cap (benchmarks compare the old 15 s one); default RECONNECT_CAP_MS. */
    private readonly capMs: number = RECONNECT_CAP_MS,
  ) {
    if (urls.length === 0) throw new Error('no server address')
    this.urls = [...urls]
  }

  /** The address to connect to now. */
  get current(): string {
    return this.urls[this.index] ?? this.urls[0]!
  }

  /** Failed attempts since the last accepted session. */
  get failedAttempts(): number {
    return this.failures
  }

  /**
   * The link to `current` failed (refused, dropped, timed out): move to the next address and
   * return how long to wait before trying it. Within the first round the wait stays at the base
   * (jittered), so a killed node's seats reach a live one in well under a second.
   */
  failed(): number {
    this.failures++
    this.index = (this.index + 1) % this.urls.length
    const round = Math.ceil(this.failures / this.urls.length)
    return backoffMs(round, { baseMs: RECONNECT_BASE_MS, maxMs: this.capMs, random: this.random })
  }

  /** `current` answered a request but could not serve it (unreachable): try the next one at once. */
  skip(): void {
    this.index = (this.index + 1) % this.urls.length
  }

  /** A session was accepted on `current`: stay there, and the next loss starts from the base delay. */
  succeeded(): void {
    this.failures = 0
  }
}

/**
 * Parses a server address list: comma-separated http(s) URLs (`--server`, GRID_SERVER_URL).
 * Throws a clear error for anything else; duplicates are dropped, order is kept.
 */
export function parseServerUrls(text: string): string[] {
  const urls: string[] = []
  for (const part of text.split(',')) {
    const raw = part.trim()
    if (raw === '') continue
    let parsed: URL
    try {
      parsed = new URL(raw)
    } catch {
      throw new Error(`--server must be a URL such as http://127.0.0.1:4100 (got "${raw}")`)
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
      throw new Error(`--server must be http(s) (got "${raw}")`)
    if (parsed.search || parsed.username || parsed.password)
      throw new Error('--server is a plain address: credentials never go in a URL')
    if (!urls.includes(raw)) urls.push(raw)
  }
  if (urls.length === 0) throw new Error('--server names no address')
  return urls
}
