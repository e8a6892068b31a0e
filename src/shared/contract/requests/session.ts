import { z } from 'zod'
import type { Principal } from '../../domain'
import { request } from '../define'

/**
 * Who is at this workstation (issue 10): the sign-in screen, sign-out, shift
 * handover, offline unlock, enrolment. Until someone is signed in, the core
 * answers only these, `app.info`, `status.get` and `settings.*`.
 *
 * - `open`: no sign-in here (no central server configured, or a service token).
 * - `unenrolled`: the workstation has no credential yet: enter a one-time code.
 * - `signed_out`: enrolled, nobody signed in (the cache stays; queued work waits).
 * - `signed_in`: `principal` works here; `offline` when unlocked locally while the
 *   server was unreachable (confirmed with the server when it is back).
 */
export const SESSION_PHASES = ['open', 'unenrolled', 'signed_out', 'signed_in'] as const
export type SessionPhase = (typeof SESSION_PHASES)[number]

/** Why the last session ended, when it was not the person's own sign-out. */
export type SessionEndReason = 'signed_out' | 'expired' | 'revoked' | 'account_disabled' | 'workstation_revoked'

export interface SessionView {
  readonly phase: SessionPhase
  readonly principal: Principal | null
  readonly offline: boolean
  /** The enrolled workstation (its id is what the server records on events). */
  readonly workstationId: string | null
  readonly workstationName: string | null
  readonly serverUrl: string | null
  readonly endReason: SessionEndReason | null
  /** People who signed in here before and may unlock it while the server is down (names only). */
  readonly offlineUsers: readonly string[]
  /** Commands waiting to be sent (from anyone who worked here). */
  readonly queued: number
}

export const SIGN_IN_FAILURES = [
  'invalid_credentials',
  'locked',
  'rate_limited',
  /** The server cannot be reached and this person has no offline verifier here. */
  'unreachable',
  'unenrolled',
  'account_disabled',
  'demo_refused',
  /** Someone is already signed in here: sign out first (shift handover). */
  'signed_in',
  'invalid_code',
] as const
export type SignInFailure = (typeof SIGN_IN_FAILURES)[number]

export type SessionOutcome =
  | { readonly ok: true; readonly session: SessionView }
  | { readonly ok: false; readonly reason: SignInFailure; readonly retryAfterSeconds: number | null }

export const sessionRequests = {
  'session.get': request<SessionView>()(z.object({})),
  'session.signIn': request<SessionOutcome>()(
    z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) }),
  ),
  'session.signOut': request<SessionView>()(z.object({})),
  'session.enrol': request<SessionOutcome>()(z.object({ code: z.string().trim().min(4).max(64) })),
}
