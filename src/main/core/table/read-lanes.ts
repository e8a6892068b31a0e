import { SqliteDatabase } from '@infra/sqlite'

/**
 * The console table's own connections to the store, read-only (WAL lets them
 * read while the sync engine writes on the store's connection, and never wait
 * for it): the fast lane answers blocks of rows and change checks; the slow
 * lane counts, freezes drill-down sets and reads exports, so a count over a
 * million rows never holds up the rows an operator scrolls to.
 */
export interface ReadLanes {
  readonly fast: SqliteDatabase
  readonly slow: SqliteDatabase
  /** Each connection once (both lanes are the store's own connection when no reader could open). */
  readonly all: readonly SqliteDatabase[]
  close(): Promise<void>
}

async function openLane(file: string): Promise<SqliteDatabase | null> {
  try {
    const db = await SqliteDatabase.open(file, { readonly: true })
    // Temp tables (drill-down sets, export order) live in memory, per connection.
    await db.exec('PRAGMA cache_size=-16384; PRAGMA temp_store=MEMORY;')
    return db
  } catch (err) {
    console.error(`console table: no read connection (${String(err)}); it shares the store's`)
    return null
  }
}

export async function openReadLanes(store: SqliteDatabase): Promise<ReadLanes> {
  const fast = (await openLane(store.file)) ?? store
  const slow = (await openLane(store.file)) ?? store
  const own = [fast, slow].filter((db) => db !== store)
  const all = [...new Set([fast, slow])]
  return {
    fast,
    slow,
    all,
    close: async () => {
      for (const db of own) await db.close()
    },
  }
}
