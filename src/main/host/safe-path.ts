import { realpath, stat } from 'node:fs/promises'
import path from 'node:path'

function within(root: string, file: string): boolean {
  return file === root || file.startsWith(root + path.sep)
}

/**
 * The real file `rel` names inside `root`, or null: never anything outside the
 * root, whether by `..` or by a symbolic link that points out of it (a link
 * from one place in the root to another is fine).
 */
export async function fileInside(root: string, rel: string): Promise<string | null> {
  try {
    const realRoot = await realpath(root)
    const file = path.resolve(realRoot, rel)
    if (!within(realRoot, file)) return null
    const real = await realpath(file)
    if (!within(realRoot, real)) return null
    return (await stat(real)).isFile() ? real : null
  } catch {
    return null
  }
}
