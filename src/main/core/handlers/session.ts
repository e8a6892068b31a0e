import type { SessionView } from '@shared/contract'
import type { Registry } from '../registry'
import type { SessionManager } from '../session/session-manager'

/** Requests a window may make while nobody is signed in. */
export const PUBLIC_REQUESTS: ReadonlySet<string> = new Set([
  'app.info',
  'status.get',
  'settings.get',
  'settings.set',
  'session.get',
  'session.signIn',
  'session.signOut',
  'session.enrol',
])

const OPEN: SessionView = {
  phase: 'open',
  principal: null,
  offline: false,
  workstationId: null,
  workstationName: null,
  serverUrl: null,
  endReason: null,
  offlineUsers: [],
  queued: 0,
}

/**
 * The session area: sign-in screen, sign-out, enrolment. Without a session
 * manager (no central server, or a service token) the workstation is `open`:
 * nobody signs in here.
 */
export function registerSessionHandlers(
  registry: Registry,
  deps: { session: SessionManager | null; open: () => Promise<SessionView> },
): void {
  const { session } = deps
  registry
    .register('session.get', () => (session ? session.view() : deps.open()))
    .register('session.signIn', async ({ username, password }) =>
      session ? session.signIn(username, password) : { ok: true as const, session: await deps.open() },
    )
    .register('session.signOut', () => (session ? session.signOut() : deps.open()))
    .register('session.enrol', async ({ code }) =>
      session ? session.enrol(code) : { ok: true as const, session: await deps.open() },
    )
  if (session) {
    registry.setGuard((name, ctx) =>
      ctx.origin === 'internal' || session.signedIn || PUBLIC_REQUESTS.has(name)
        ? null
        : { code: 'unauthenticated', message: `nobody is signed in at this workstation ("${name}" needs a sign-in)` },
    )
  }
}

export function openSession(principal: SessionView['principal']): SessionView {
  return { ...OPEN, principal }
}
