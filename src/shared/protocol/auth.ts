import { z } from 'zod'
import { ROLES, type Principal } from '../domain'

/**
 * Sign-in, sessions and workstation enrolment (docs/protocol.md §1): small JSON
 * endpoints on the server's HTTP port. A workstation enrols once with a
 * one-time code and gets its own credential; a person signs in on an enrolled
 * workstation and gets a short-lived access token (for the sync socket), a
 * refresh token bound to that workstation, and a seat grant (proof that this
 * person signed in on this seat, for work queued under their name).
 */
export const AUTH_PATHS = {
  enrol: '/auth/v1/enrol',
  signIn: '/auth/v1/sign-in',
  refresh: '/auth/v1/refresh',
  signOut: '/auth/v1/sign-out',
  resume: '/auth/v1/resume',
} as const

/** Largest body an auth endpoint reads. */
export const AUTH_BODY_BYTES = 16 * 1024

const secret = z.string().min(16).max(512)
const workstationCredential = {
  workstationId: z.string().min(1).max(64),
  workstationSecret: secret,
}

export const enrolRequestSchema = z.object({
  /** The one-time code an administrator issued (`workstations enrol`). */
  code: z.string().trim().min(4).max(64),
})
export type EnrolRequest = z.infer<typeof enrolRequestSchema>

export const enrolReplySchema = z.object({
  workstationId: z.string().min(1).max(64),
  name: z.string().max(100),
  workstationSecret: secret,
})
export type EnrolReply = z.infer<typeof enrolReplySchema>

export const signInRequestSchema = z.object({
  ...workstationCredential,
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
})
export type SignInRequest = z.infer<typeof signInRequestSchema>

export const refreshRequestSchema = z.object({ ...workstationCredential, refreshToken: secret })
export type RefreshRequest = z.infer<typeof refreshRequestSchema>

export const signOutRequestSchema = refreshRequestSchema
export type SignOutRequest = RefreshRequest

export const resumeRequestSchema = z.object({
  ...workstationCredential,
  /** The account that unlocked this workstation offline, and its seat grant. */
  accountId: z.string().min(1).max(64),
  seatGrant: secret,
  /** When the offline unlock happened (workstation clock; recorded only). */
  unlockedAt: z.number().int().nonnegative(),
})
export type ResumeRequest = z.infer<typeof resumeRequestSchema>

export const principalSchema = z.object({
  actorId: z.string().min(1).max(64),
  name: z.string().min(1).max(100),
  role: z.enum(ROLES),
  towns: z.union([z.literal('*'), z.array(z.string().min(1).max(64))]),
  unit: z.object({ kind: z.enum(['department', 'team']), id: z.string().min(1).max(64) }).optional(),
})

/** Sign-in, refresh and resume all answer with a fresh token set. */
export const sessionReplySchema = z.object({
  principal: principalSchema,
  accessToken: secret,
  accessExpiresAt: z.number().int(),
  refreshToken: secret,
  refreshExpiresAt: z.number().int(),
  seatGrant: secret,
  seatGrantExpiresAt: z.number().int(),
  serverTime: z.number().int(),
})
export type SessionReply = Omit<z.infer<typeof sessionReplySchema>, 'principal'> & { readonly principal: Principal }

export const AUTH_ERROR_CODES = [
  /** The body does not match the schema. */
  'invalid_request',
  /** Unknown user or wrong password (never says which). */
  'invalid_credentials',
  /** Too many failed attempts: the account is locked until `retryAfterSeconds`. */
  'locked',
  /** Too many attempts from this address: wait `retryAfterSeconds`. */
  'rate_limited',
  /** The workstation credential is unknown, wrong or revoked: enrol again. */
  'workstation_refused',
  /** The enrolment code is unknown, used or expired. */
  'invalid_code',
  /** The session or seat grant ended (signed out, or expired): sign in again. */
  'session_ended',
  /** An administrator ended it (password reset, workstation revoked, a token used elsewhere): sign in again; offline unlock for this person is void. */
  'session_revoked',
  /** The account is disabled. */
  'account_disabled',
  /** A per-run demo account on a server that listens beyond loopback. */
  'demo_refused',
] as const
export type AuthErrorCode = (typeof AUTH_ERROR_CODES)[number]

export const authErrorSchema = z.object({
  error: z.object({
    code: z.enum(AUTH_ERROR_CODES),
    message: z.string(),
    retryAfterSeconds: z.number().int().positive().optional(),
  }),
})
export type AuthError = z.infer<typeof authErrorSchema>

/** HTTP status per auth error. */
export const AUTH_ERROR_STATUS: Record<AuthErrorCode, number> = {
  invalid_request: 400,
  invalid_credentials: 401,
  locked: 423,
  rate_limited: 429,
  workstation_refused: 401,
  invalid_code: 400,
  session_ended: 401,
  session_revoked: 401,
  account_disabled: 403,
  demo_refused: 403,
}

/** A command may name its author with a seat grant when the author is not the socket's principal. */
export const seatGrantFieldSchema = z.object({ seatGrant: secret.optional() })

/** connect_error messages of the sync socket's handshake. */
export const HANDSHAKE_ERRORS = {
  /** Unknown or malformed token. */
  unauthorized: 'unauthorized',
  /** A valid access token past its expiry: refresh and connect again. */
  expired: 'token_expired',
} as const
