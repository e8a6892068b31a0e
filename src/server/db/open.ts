import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensurePrivateDir, restrictStoreFiles } from '@infra/fs'
import { applyMigrations, drizzleOver, SqliteDatabase, type DrizzleDb } from '@infra/sqlite'
import * as schema from './schema'

export type ServerDb = DrizzleDb<typeof schema>

/** Finds drizzle-server/ by walking up from this module (source tree or bundle), then the working directory. */
export function findMigrationsFolder(): string {
  const candidates: string[] = []
  try {
    let dir = dirname(fileURLToPath(import.meta.url))
    for (let i = 0; i < 6; i++) {
      candidates.push(join(dir, 'drizzle-server'))
      dir = dirname(dir)
    }
  } catch {
    // not a file URL (bundled differently): fall back to the working directory
  }
  candidates.push(resolve('drizzle-server'))
  const found = candidates.find((c) => existsSync(join(c, 'meta', '_journal.json')))
  if (!found) throw new Error(`drizzle-server migrations not found (looked in ${candidates.join(', ')})`)
  return found
}

export const STORE_FILE = 'central.sqlite'

export async function openServerDb(
  dataDir: string,
  migrationsFolder?: string,
): Promise<{ db: SqliteDatabase; orm: ServerDb }> {
  // The store holds password hashes and session digests: the folder is 0700, its files 0600.
  ensurePrivateDir(dataDir)
  const file = join(dataDir, STORE_FILE)
  restrictStoreFiles(file)
  const db = await SqliteDatabase.open(file)
  await applyMigrations(db, migrationsFolder ?? findMigrationsFolder())
  restrictStoreFiles(file)
  return { db, orm: drizzleOver(db, schema) }
}
