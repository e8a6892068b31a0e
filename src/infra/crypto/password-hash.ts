import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'

/**
 * Memory-hard password hashing with Node's scrypt: N = 2^15, r = 8, p = 1 uses
 * 32 MiB and ~0.1 s per guess, which makes offline guessing expensive. The
 * parameters are stored with each hash (`scrypt$logN$r$p$salt$hash`), so
 * raising them later keeps old hashes verifiable. Used for accounts on the
 * server and for the offline-unlock verifier on the workstation.
 */
export interface KdfParams {
  readonly logN: number
  readonly r: number
  readonly p: number
}

export const DEFAULT_KDF: KdfParams = { logN: 15, r: 8, p: 1 }
const KEY_BYTES = 32
const SALT_BYTES = 16

function derive(password: string, salt: Buffer, params: KdfParams): Promise<Buffer> {
  const N = 2 ** params.logN
  return new Promise((resolve, reject) => {
    scrypt(
      password.normalize('NFKC'),
      salt,
      KEY_BYTES,
      { N, r: params.r, p: params.p, maxmem: 256 * N * params.r },
      (err, key) => (err ? reject(err) : resolve(key)),
    )
  })
}

export async function hashPassword(password: string, params: KdfParams = DEFAULT_KDF): Promise<string> {
  const salt = randomBytes(SALT_BYTES)
  const key = await derive(password, salt, params)
  return ['scrypt', params.logN, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$')
}

function parse(stored: string): { params: KdfParams; salt: Buffer; key: Buffer } | null {
  const parts = stored.split('$')
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null
  const [logN, r, p] = parts.slice(1, 4).map(Number) as [number, number, number]
  // Bounds keep a tampered record from asking for gigabytes.
  if (![logN, r, p].every(Number.isInteger) || logN < 10 || logN > 20 || r < 1 || r > 32 || p < 1 || p > 16) return null
  const salt = Buffer.from(parts[4] ?? '', 'base64url')
  const key = Buffer.from(parts[5] ?? '', 'base64url')
  if (salt.length < 8 || key.length !== KEY_BYTES) return null
  return { params: { logN, r, p }, salt, key }
}

/** True when `password` matches `stored`; false for a mismatch or a malformed record. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored)
  if (!parsed) return false
  const key = await derive(password, parsed.salt, parsed.params)
  return timingSafeEqual(key, parsed.key)
}

let dummy: Promise<string> | null = null
/** Spends the same time as a real check, for a user that does not exist (no timing oracle). */
export async function verifyNothing(password: string): Promise<false> {
  dummy ??= hashPassword('no such account')
  await verifyPassword(password, await dummy)
  return false
}

/** Minimum quality of a password an administrator sets: length is what matters. */
export function passwordProblem(password: string): string | null {
  if (password.length < 10) return 'a password needs at least 10 characters'
  if (password.length > 256) return 'a password has at most 256 characters'
  if (password.trim() !== password) return 'a password may not start or end with spaces'
  return null
}
