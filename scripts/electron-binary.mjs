import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/**
 * The installed Electron executable, or null when it was never downloaded
 * (ELECTRON_SKIP_BINARY_DOWNLOAD=1). Never `require('electron')` to find out:
 * that tries to download the binary on the spot.
 */
export function electronBinary() {
  const pkg = path.join(root, 'node_modules', 'electron')
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH || path.join(pkg, 'dist')
  const pathFile = path.join(pkg, 'path.txt')
  if (!existsSync(pathFile)) return null
  const bin = path.join(dist, readFileSync(pathFile, 'utf8').trim())
  return existsSync(bin) ? bin : null
}
