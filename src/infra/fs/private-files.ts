import { chmodSync, existsSync, mkdirSync, statSync, writeFileSync, renameSync, readFileSync } from 'node:fs'
import path from 'node:path'

/**
 * Secrets and stores at rest belong to the account that runs the program:
 * data folders 0700, database and secrets files 0600. A secrets file that
 * others can read is refused, not repaired: someone may already have read it.
 * (POSIX modes; on Windows the checks are skipped and the user profile's ACLs apply.)
 */
const POSIX = process.platform !== 'win32'

/** Creates `dir` (and parents) if missing and makes it 0700. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  if (POSIX && (statSync(dir).mode & 0o777) !== 0o700) chmodSync(dir, 0o700)
}

/** Makes an existing file 0600 (a store file and its -wal/-shm companions). */
export function restrictFile(file: string): void {
  if (!POSIX || !existsSync(file)) return
  if ((statSync(file).mode & 0o777) !== 0o600) chmodSync(file, 0o600)
}

/** A SQLite store and its companions, 0600 (SQLite gives -wal/-shm the main file's mode). */
export function restrictStoreFiles(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) restrictFile(f)
}

export class ExposedSecretError extends Error {
  constructor(
    readonly file: string,
    readonly mode: number,
  ) {
    super(
      `${file} is readable or writable by other users (mode ${(mode & 0o777).toString(8).padStart(4, '0')}): ` +
        `refusing to use it. Make it private (chmod 600 "${file}") after checking who may have read it.`,
    )
    this.name = 'ExposedSecretError'
  }
}

/** Throws ExposedSecretError when group or others have any access to `file`. */
export function assertPrivateFile(file: string): void {
  if (!POSIX) return
  const mode = statSync(file).mode
  if ((mode & 0o077) !== 0) throw new ExposedSecretError(file, mode)
}

/** Reads a secrets file after checking it is private. */
export function readPrivateFile(file: string): string {
  assertPrivateFile(file)
  return readFileSync(file, 'utf8')
}

/** Writes a secrets file atomically, 0600 from the first byte, in a 0700 folder. */
export function writePrivateFile(file: string, content: string | Uint8Array): void {
  ensurePrivateDir(path.dirname(file))
  const tmp = `${file}.${process.pid}.tmp`
  writeFileSync(tmp, content, { mode: 0o600 })
  if (POSIX) chmodSync(tmp, 0o600) // the umask may have narrowed it further, never widened: make it exact
  renameSync(tmp, file)
}
