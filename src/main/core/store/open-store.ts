import { stat } from 'node:fs/promises'
import path from 'node:path'
import { ensurePrivateDir, restrictStoreFiles } from '@infra/fs'
import { SqliteDatabase, applyMigrations, drizzleOver, type DrizzleDb } from '@infra/sqlite'
import * as schema from './schema'

export type StoreSchema = typeof schema
export type StoreDb = DrizzleDb<StoreSchema>

export interface Store {
  readonly file: string
  readonly sqlite: SqliteDatabase
  readonly db: StoreDb
  close(): Promise<void>
}

export const STORE_FILE = 'workstation.sqlite'

/** Opens (creating if needed) the workstation store in `dataDir` and applies migrations. */
export async function openStore(dataDir: string, migrationsFolder: string): Promise<Store> {
  // The cache holds the district's cases and the outbox what operators did: private to this account.
  ensurePrivateDir(dataDir)
  const file = path.join(dataDir, STORE_FILE)
  restrictStoreFiles(file)
  const sqlite = await SqliteDatabase.open(file)
  try {
    // A bigger page cache and fewer, larger checkpoints: catch-up rewrites the same index pages many times.
    await sqlite.exec('PRAGMA cache_size=-32768; PRAGMA wal_autocheckpoint=8000; PRAGMA temp_store=MEMORY;')
    await applyMigrations(sqlite, migrationsFolder)
    restrictStoreFiles(file)
  } catch (err) {
    await sqlite.close()
    throw err
  }
  return { file, sqlite, db: drizzleOver(sqlite, schema), close: () => sqlite.close() }
}

export async function fileSize(file: string): Promise<number> {
  try {
    return (await stat(file)).size
  } catch {
    return 0
  }
}
