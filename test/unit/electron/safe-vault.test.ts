import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'

vi.mock('electron', () => ({}))

const { SafeStorageVault, SAFE_SECRETS_FILE } = await import('../../../src/main/electron/safe-vault')
const { EMPTY_SECRETS } = await import('../../../src/main/core/session/secrets')
const { SECRETS_FILE } = await import('../../../src/main/core/session/file-vault')

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))
function dir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'grid-vault-'))
  dirs.push(d)
  return d
}

/** safeStorage as the OS keychain gives it: opaque bytes out, the string back only through it. */
function fakeSafe(options: { available?: boolean; backend?: string; broken?: boolean } = {}) {
  return {
    isEncryptionAvailable: () => options.available ?? true,
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
    encryptString: (text: string) =>
      Buffer.from(`v10${Buffer.from(text).toString('base64').split('').reverse().join('')}`),
    decryptString: (buf: Buffer) => {
      if (options.broken)
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.')
      return Buffer.from(buf.toString().slice(3).split('').reverse().join(''), 'base64').toString()
    },
  }
}

const SECRETS = {
  ...EMPTY_SECRETS,
  workstation: {
    serverUrl: 'https://grid.example',
    workstationId: 'ws-1',
    name: 'desk',
    workstationSecret: 'w'.repeat(43),
  },
  session: { accountId: 'op-1', refreshToken: 'r'.repeat(43), refreshExpiresAt: 1 },
}

describe('the Electron secret vault', () => {
  it('encrypts the secrets with safeStorage into a 0600 file and reads them back', async () => {
    const d = dir()
    const vault = new SafeStorageVault(fakeSafe(), d)
    await vault.write(SECRETS)
    const file = path.join(d, SAFE_SECRETS_FILE)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(readFileSync(file, 'utf8')).not.toContain('r'.repeat(43))
    expect(existsSync(path.join(d, SECRETS_FILE))).toBe(false)
    expect(await vault.read()).toEqual(SECRETS)
  })

  it('uses the private file where the OS has no real keychain', async () => {
    for (const safe of [fakeSafe({ available: false }), fakeSafe({ backend: 'basic_text' })]) {
      const d = dir()
      const vault = new SafeStorageVault(safe, d)
      await vault.write(SECRETS)
      expect(existsSync(path.join(d, SAFE_SECRETS_FILE))).toBe(false)
      expect(statSync(path.join(d, SECRETS_FILE)).mode & 0o777).toBe(0o600)
      expect(await vault.read()).toEqual(SECRETS)
    }
  })

  it('starts empty when the keychain can no longer decrypt, and refuses a file others can read', async () => {
    const d = dir()
    await new SafeStorageVault(fakeSafe(), d).write(SECRETS)
    const lines: string[] = []
    expect(await new SafeStorageVault(fakeSafe({ broken: true }), d, (l) => lines.push(l)).read()).toEqual(
      EMPTY_SECRETS,
    )
    expect(lines.join('\n')).toMatch(/cannot be decrypted/)
    chmodSync(path.join(d, SAFE_SECRETS_FILE), 0o644)
    await expect(new SafeStorageVault(fakeSafe(), d).read()).rejects.toThrow(/other users/)
  })
})
