import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { SafeStorage } from 'electron'
import { assertPrivateFile, writePrivateFile } from '@infra/fs'
import { FileVault } from '../core/session/file-vault'
import { parseSecrets, type SecretVault, type Secrets } from '../core/session/secrets'

export const SAFE_SECRETS_FILE = 'secrets.safe'

type Safe = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> & {
  getSelectedStorageBackend?: () => string
}

/**
 * The Electron shell's secrets: the document encrypted with safeStorage (the
 * OS keychain: DPAPI, Keychain, libsecret/kwallet) in a 0600 file. Where the
 * OS offers no real keychain (Linux without one falls back to a fixed key), it
 * is no safer than a private file, so the browser host's 0600 file is used.
 */
export class SafeStorageVault implements SecretVault {
  private readonly file: string
  private readonly fallback: FileVault

  constructor(
    private readonly safe: Safe,
    dataDir: string,
    private readonly log: (line: string) => void = () => undefined,
  ) {
    this.file = path.join(dataDir, SAFE_SECRETS_FILE)
    this.fallback = new FileVault(dataDir)
  }

  private get usable(): boolean {
    if (!this.safe.isEncryptionAvailable()) return false
    return this.safe.getSelectedStorageBackend?.() !== 'basic_text'
  }

  get describe(): string {
    return this.usable ? `${this.file} (safeStorage)` : this.fallback.describe
  }

  async read(): Promise<Secrets> {
    if (!this.usable) {
      this.log('secrets: no OS keychain here; keeping them in a file only this account can read')
      return this.fallback.read()
    }
    if (!existsSync(this.file)) return parseSecrets(null)
    assertPrivateFile(this.file)
    let text: string
    try {
      text = this.safe.decryptString(readFileSync(this.file))
    } catch (err) {
      // Another OS account or a reset keychain: the workstation enrols and people sign in again.
      this.log(
        `secrets: ${this.file} cannot be decrypted (${err instanceof Error ? err.message : String(err)}); starting without them`,
      )
      return parseSecrets(null)
    }
    return parseSecrets(text)
  }

  async write(secrets: Secrets): Promise<void> {
    if (!this.usable) return this.fallback.write(secrets)
    writePrivateFile(this.file, this.safe.encryptString(JSON.stringify(secrets)))
  }
}
