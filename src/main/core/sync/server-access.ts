/**
 * How the sync engine (and the layout exchange) reach the central server and
 * with which credential: the session manager's access tokens (people sign in),
 * or a fixed service token (tests, tools). The engine never stores a token.
 */
import { ServerEndpoints } from './server-endpoints'

export interface ServerAccess {
  /** The server's addresses and which one is in use (several: the nodes of one cluster). */
  readonly endpoints: ServerEndpoints
  /** The address in use now (`endpoints.current`). */
  readonly url: string
  /** PEM of a private CA to trust for https/wss; null for the system's. */
  readonly ca: string | null
  /**
   * The token for the next handshake: null when nobody may connect now (signed out). Throws when
   * the server cannot be reached to get one (the engine retries with backoff).
   */
  credential(): Promise<string | null>
  /** The handshake or the server refused the token (expired, unknown, session ended): get a new one next time. */
  refused(reason: string): void
  /** The seat grant of a person who worked at this workstation, for their queued commands; null if none. */
  grantFor(actorId: string): string | null
}

/** A fixed service token: no sign-in, no seat grants. */
export function serviceAccess(
  endpoints: ServerEndpoints | string,
  token: string,
  ca: string | null = null,
): ServerAccess {
  const ends = typeof endpoints === 'string' ? new ServerEndpoints([endpoints]) : endpoints
  return {
    endpoints: ends,
    get url() {
      return ends.current
    },
    ca,
    credential: async () => token,
    refused: () => undefined,
    grantFor: () => null,
  }
}
