import { z } from 'zod'
import { principalSchema } from '@shared/protocol'

/**
 * What a workstation keeps secret at rest, as one document: its own
 * credential, the signed-in session's refresh token, and per person who signed
 * in here, the seat grant and the offline-unlock verifier (a scrypt hash of
 * their password, never the password). Access tokens stay in memory.
 */
const seatSchema = z.object({
  principal: principalSchema,
  /** Server-issued proof that this person signed in on this seat (delivers their queued work). */
  seatGrant: z.string().min(16).max(512),
  seatGrantExpiresAt: z.number().int(),
  /** scrypt hash of the password as of the last online sign-in here (offline unlock). */
  verifier: z.string().min(20).max(512),
  lastSignInAt: z.number().int(),
})
export type Seat = z.infer<typeof seatSchema>

export const secretsSchema = z.object({
  version: z.literal(1),
  /** The enrolled workstation's credential, for the server it was enrolled with. */
  workstation: z
    .object({
      serverUrl: z.string().max(2000),
      workstationId: z.string().min(1).max(64),
      name: z.string().max(100),
      workstationSecret: z.string().min(16).max(512),
    })
    .nullable(),
  /** The signed-in session (survives a restart of the app until signed out or ended). */
  session: z
    .object({
      accountId: z.string().min(1).max(64),
      refreshToken: z.string().min(16).max(512),
      refreshExpiresAt: z.number().int(),
    })
    .nullable(),
  /** Per account id. */
  seats: z.record(z.string(), seatSchema),
})
export type Secrets = z.infer<typeof secretsSchema>

export const EMPTY_SECRETS: Secrets = { version: 1, workstation: null, session: null, seats: {} }

/**
 * Where the secrets document lives: a 0600 file for the browser host
 * (file-vault.ts), Electron's safeStorage in the shell. `read` throws when the
 * store exists but may not be used (readable by others, undecryptable).
 */
export interface SecretVault {
  readonly describe: string
  read(): Promise<Secrets>
  write(secrets: Secrets): Promise<void>
}

/** Parses a stored document; a damaged one counts as empty (the workstation enrols and people sign in again). */
export function parseSecrets(text: string | null): Secrets {
  if (!text) return EMPTY_SECRETS
  try {
    const parsed = secretsSchema.safeParse(JSON.parse(text))
    return parsed.success ? (parsed.data as Secrets) : EMPTY_SECRETS
  } catch {
    return EMPTY_SECRETS
  }
}
