import { existsSync } from 'node:fs'
import path from 'node:path'
import { readPrivateFile, writePrivateFile } from '@infra/fs'
import { parseSecrets, type SecretVault, type Secrets } from './secrets'

export const SECRETS_FILE = 'secrets.json'

/**
 * The browser host's secrets: a JSON file readable only by its owner (0600) in
 * the 0700 data folder. One that others can read is refused (the core does not
 * start), not silently repaired: its tokens may already be known.
 */
export class FileVault implements SecretVault {
  readonly file: string

  constructor(dataDir: string) {
    this.file = path.join(dataDir, SECRETS_FILE)
  }

  get describe(): string {
    return `${this.file} (0600)`
  }

  async read(): Promise<Secrets> {
    if (!existsSync(this.file)) return parseSecrets(null)
    return parseSecrets(readPrivateFile(this.file))
  }

  async write(secrets: Secrets): Promise<void> {
    writePrivateFile(this.file, JSON.stringify(secrets))
  }
}
