import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

function newest(dir) {
  let latest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs)
  }
  return latest
}

/** Builds with electron-vite when out/ is missing or older than src/, so `npm start` just works. */
export function ensureBuild() {
  const marker = path.join(root, 'out', 'main', 'host.js')
  const stale =
    !existsSync(marker) ||
    !existsSync(path.join(root, 'out', 'renderer', 'index.html')) ||
    newest(path.join(root, 'src')) > statSync(marker).mtimeMs
  if (!stale) return
  console.log('Building Grid Command (electron-vite build)…')
  const result = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  )
  if (result.status !== 0) process.exit(result.status ?? 1)
}
