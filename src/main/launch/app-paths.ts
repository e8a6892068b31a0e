import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Finds the app's root (the folder with package.json) from a built file
 * (out/main/*.js) or a source file run directly (src/main/**), so migrations,
 * resources and the built renderer are found the same way everywhere.
 */
export function appRoot(fromUrl: string = import.meta.url): string {
  let dir = path.dirname(fileURLToPath(fromUrl))
  for (let i = 0; i < 6; i++) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'drizzle'))) return dir
    dir = path.dirname(dir)
  }
  throw new Error(`cannot find the app root above ${fromUrl}`)
}

export interface AppPaths {
  readonly root: string
  readonly migrations: string
  /** The central server's own migrations (for the embedded server). */
  readonly serverMigrations: string
  readonly resources: string
  readonly renderer: string
}

export function appPaths(root: string = appRoot()): AppPaths {
  return {
    root,
    migrations: path.join(root, 'drizzle'),
    serverMigrations: path.join(root, 'drizzle-server'),
    resources: path.join(root, 'resources'),
    renderer: path.join(root, 'out', 'renderer'),
  }
}
