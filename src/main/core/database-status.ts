import type { DatabaseStatus } from '@shared/contract'
import { fileSize, type Store } from './store/open-store'

/** Reads the store's vital signs for the status bar: a real round trip to SQLite. */
export async function readDatabaseStatus(store: Store, recoveredFrom: string | null): Promise<DatabaseStatus> {
  const journal = await store.sqlite.get('PRAGMA journal_mode')
  const migrations = await store.sqlite.get('SELECT count(*) AS n FROM __drizzle_migrations')
  const incidents = await store.sqlite
    .get("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'incidents'")
    .then(async (t) =>
      Number(t?.n) > 0 ? Number((await store.sqlite.get('SELECT count(*) AS n FROM incidents'))?.n ?? 0) : 0,
    )
  return {
    file: store.file,
    sizeBytes: (await fileSize(store.file)) + (await fileSize(`${store.file}-wal`)),
    incidents,
    schemaVersion: Number(migrations?.n ?? 0),
    journalMode: String(journal?.journal_mode ?? 'unknown'),
    recoveredFrom,
  }
}
