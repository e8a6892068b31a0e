import { readPrivateFile } from '@infra/fs'

/**
 * A token for the browser host from a private file (0600; one others can read is refused) or the
 * environment — never from the command line, where every user of the machine can read it.
 */
export function secretFrom(file: string | undefined, fromEnv: string | undefined): string | null {
  if (file) {
    const value = readPrivateFile(file).trim()
    if (!value) throw new Error(`${file} is empty`)
    return value
  }
  return fromEnv || null
}
