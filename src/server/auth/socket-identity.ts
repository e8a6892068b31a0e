import type { Principal } from '@shared/domain'
import { HANDSHAKE_ERRORS } from '@shared/protocol'
import type { AuthService } from './auth-service'
import type { TokenRegistry } from './tokens'

export type SocketAuth =
  | { ok: true; principal: Principal; workstationId: string | null; sessionId: string | null }
  | { ok: false; error: (typeof HANDSHAKE_ERRORS)[keyof typeof HANDSHAKE_ERRORS] }

export type SocketAuthenticator = (token: string) => Promise<SocketAuth>

/**
 * The sync socket's handshake token: a service token (configured on the server,
 * for non-person clients; no workstation) or an access token from sign-in (its
 * session names the person and the enrolled workstation).
 */
export function socketAuthenticator(tokens: TokenRegistry, auth: AuthService): SocketAuthenticator {
  return async (token) => {
    const service = tokens.lookup(token)
    if (service) return { ok: true, principal: service, workstationId: null, sessionId: null }
    const check = await auth.checkAccess(token)
    if (!check.ok)
      return { ok: false, error: check.reason === 'expired' ? HANDSHAKE_ERRORS.expired : HANDSHAKE_ERRORS.unauthorized }
    return { ok: true, ...check.identity }
  }
}
