import { createHash, randomBytes } from 'node:crypto'

/** A fresh 256-bit secret, URL-safe (tokens, workstation credentials, seat grants). */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url')
}

/** What the store keeps of a high-entropy secret: its SHA-256, hex. */
export function digest(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex')
}

const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ' // no 0/O, 1/I: read aloud and typed by hand

/** A one-time code people type: 12 characters in groups of four (60 bits). */
export function humanCode(): string {
  const bytes = randomBytes(12)
  let out = ''
  for (let i = 0; i < 12; i++) {
    if (i > 0 && i % 4 === 0) out += '-'
    out += CODE_ALPHABET[(bytes[i] ?? 0) % CODE_ALPHABET.length]
  }
  return out
}

/** Codes are compared without case, spaces or dashes. */
export function normaliseCode(code: string): string {
  return code.toUpperCase().replace(/[^0-9A-Z]/g, '')
}

/** A password for a per-run demo account: 16 characters, easy to copy. */
export function demoPassword(): string {
  return randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')
}
