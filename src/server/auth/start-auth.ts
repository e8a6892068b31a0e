import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Principal } from '@shared/domain'
import type { DemoCredential } from '@shared/protocol'
import { authHandler } from '../http/auth-routes'
import { isLoopbackHost } from '../http/listen'
import type { ServerOptions } from '../options'
import { AuthAdmin } from './admin'
import { AuthService, DEFAULT_AUTH_POLICY } from './auth-service'
import type { AuthStore } from './auth-store'
import { createDemoAccounts, formatDemoCredentials } from './demo-accounts'
import { SessionWatch } from './session-watch'
import { socketAuthenticator, type SocketAuthenticator } from './socket-identity'
import { TokenRegistry } from './tokens'

export interface RunningAuth {
  readonly admin: AuthAdmin
  readonly service: AuthService
  readonly watch: SessionWatch
  readonly authenticate: SocketAuthenticator
  readonly authorOf: (
    grant: string,
    socket: { workstationId: string | null; sessionId: string | null },
  ) => Promise<Principal | null>
  readonly http: (req: IncomingMessage, res: ServerResponse) => Promise<void>
  readonly demoCredentials: readonly DemoCredential[]
  stop(): void
}

/** Wires accounts, sessions, enrolment and revocation onto the server's store (src/server/auth). */
export async function startAuth(store: AuthStore, options: ServerOptions & { host: string }): Promise<RunningAuth> {
  const policy = { ...DEFAULT_AUTH_POLICY, ...options.auth, allowDemo: isLoopbackHost(options.host) }
  const service = new AuthService(store, policy)
  const admin = new AuthAdmin(store, { actor: 'server' })
  const demoCredentials = options.demoAccounts ? await createDemoAccounts(store, admin) : []
  if (demoCredentials.length > 0 && options.printDemoCredentials) {
    for (const line of formatDemoCredentials(demoCredentials)) options.printDemoCredentials(line)
  }
  const watch = new SessionWatch(service, store, options.revocationPollMs ?? 1000)
  watch.start()
  const tokens = new TokenRegistry(options.tokens ?? [])
  return {
    admin,
    service,
    watch,
    authenticate: socketAuthenticator(tokens, service),
    authorOf: (grant, socket) => service.authorOf(grant, socket.workstationId, { sessionId: socket.sessionId }),
    http: authHandler(service, { trustProxy: options.trustProxy ?? false }),
    demoCredentials,
    stop: () => watch.stop(),
  }
}
