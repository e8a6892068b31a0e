import { access, rename } from 'node:fs/promises'
import path from 'node:path'
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core'
import { SqliteDatabase, type Row } from '@infra/sqlite'
import { openStore, STORE_FILE, type Store } from './open-store'
import * as schema from './schema'

export interface RecoveredStore {
  readonly store: Store
  /** The damaged file's new name, when it had to be moved aside. */
  readonly recoveredFrom: string | null
  /** Why it was moved aside. */
  readonly reason: string | null
  /** Outbox rows carried over from the damaged file. */
  readonly salvagedCommands: number
}

const TABLES: SQLiteTable[] = (Object.values(schema) as unknown[]).filter(
  (v): v is SQLiteTable => v instanceof SQLiteTable,
)

/** Every table of the schema is there with every column: a file of some other app or version is not. */
async function checkSchema(store: Store): Promise<void> {
  const ok = await store.sqlite.get('PRAGMA quick_check')
  if (ok?.quick_check !== 'ok') throw new Error(`integrity check failed: ${String(ok?.quick_check)}`)
  for (const table of TABLES) {
    const cfg = getTableConfig(table)
    const cols = new Set((await store.sqlite.all(`PRAGMA table_info(\`${cfg.name}\`)`)).map((r) => String(r.name)))
    for (const c of cfg.columns) if (!cols.has(c.name)) throw new Error(`table ${cfg.name} lacks column ${c.name}`)
  }
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  )
}

/** Reads what is worth keeping from a damaged file: unsent commands and the workstation's id. */
async function salvage(file: string): Promise<{ outbox: Row[]; settings: Row[] }> {
  let db: SqliteDatabase | null = null
  try {
    db = await SqliteDatabase.open(file, { readonly: true })
    // A truncated file's header names more pages than it has; SQLite then refuses everything unless told to read on.
    await db.exec('PRAGMA writable_schema=ON')
    const outbox = await db.all('SELECT * FROM outbox WHERE acked_seq IS NULL ORDER BY seq').catch(() => [] as Row[])
    const settings = await db.all("SELECT * FROM settings WHERE key = 'workstation_id'").catch(() => [] as Row[])
    return { outbox, settings }
  } catch {
    return { outbox: [], settings: [] }
  } finally {
    await db?.close().catch(() => undefined)
  }
}

/**
 * Opens the store; a damaged file (not SQLite, truncated, failing its integrity
 * check, or with a schema that is not ours) is moved aside as
 * `workstation.sqlite.damaged-<timestamp>` (with its -wal/-shm), a fresh cache is
 * created (the sync engine then rebuilds it from the server), and unsent outbox
 * entries are carried over if the old file can still be read.
 */
export async function openRecoveringStore(dataDir: string, migrationsFolder: string): Promise<RecoveredStore> {
  let reason: string
  try {
    const store = await openStore(dataDir, migrationsFolder)
    try {
      await checkSchema(store)
      return { store, recoveredFrom: null, reason: null, salvagedCommands: 0 }
    } catch (err) {
      await store.close().catch(() => undefined)
      throw err
    }
  } catch (err) {
    reason = err instanceof Error ? err.message : String(err)
  }
  const file = path.join(dataDir, STORE_FILE)
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  const aside = `${file}.damaged-${stamp}`
  await rename(file, aside)
  for (const ext of ['-wal', '-shm']) {
    if (await exists(file + ext)) await rename(file + ext, aside + ext).catch(() => undefined)
  }
  const saved = await salvage(aside)
  const store = await openStore(dataDir, migrationsFolder)
  await store.sqlite.transaction(async (tx) => {
    for (const r of saved.settings) {
      await tx.run('INSERT OR REPLACE INTO settings (key, value, updated_at) VALUES (?, ?, ?)', [
        String(r.key),
        String(r.value),
        Date.now(),
      ])
    }
    for (const r of saved.outbox) {
      await tx.run(
        `INSERT OR IGNORE INTO outbox (command_id, type, incident_id, expected_version, payload, issued_at, principal, attempts, next_attempt_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0)`,
        [
          String(r.command_id),
          String(r.type),
          String(r.incident_id),
          r.expected_version == null ? null : Number(r.expected_version),
          String(r.payload),
          Number(r.issued_at),
          r.principal == null ? null : String(r.principal),
        ],
      )
    }
    await tx.run('INSERT INTO action_audit (at, action, detail) VALUES (?, ?, ?)', [
      Date.now(),
      'store_recovered',
      JSON.stringify({ movedTo: aside, reason, salvagedCommands: saved.outbox.length }),
    ])
  })
  return { store, recoveredFrom: aside, reason, salvagedCommands: saved.outbox.length }
}
