import { hashPassword, verifyPassword } from '@infra/crypto'

/**
 * The offline-unlock verifier: a scrypt hash (the same memory-hard parameters
 * as the server's) of the password a person last signed in with on this seat.
 * It can confirm the password while the server is down; it cannot give it back.
 */
export function makeVerifier(password: string): Promise<string> {
  return hashPassword(password)
}

export function checkVerifier(password: string, verifier: string): Promise<boolean> {
  return verifyPassword(password, verifier)
}
