import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { SqliteDatabase } from '@infra/sqlite'
import { STORE_FILE } from './db/open'
import { openPgStore } from './pg/open'
import { verifyChain, type VerifyResult } from './log/verify'

/**
 * Verifies the hash chain, the log's end and the projection of the store in
 * `dataDir`. It opens the file read-only, with no migrations, and reads it in
 * one snapshot: safe beside a running server, which it neither blocks nor
 * changes (WAL readers and the writer do not wait for each other).
 */
export async function verifyStore(dataDir: string): Promise<VerifyResult> {
  const file = join(dataDir, STORE_FILE)
  if (!existsSync(file)) throw new Error(`no store at ${file}`)
  const db = await SqliteDatabase.open(file, { readonly: true })
  try {
    const columns = await db.all("SELECT name FROM pragma_table_info('commands')")
    if (!columns.some((c) => c.name === 'seq'))
      throw new Error(`${file} was written by an older version: start the server on it once (it migrates), then verify`)
    return await db.snapshot((tx) => verifyChain(tx))
  } finally {
    await db.close()
  }
}

/** The same walk over a PostgreSQL store, in one read-only REPEATABLE READ transaction. */
export async function verifyPgStore(url: string): Promise<VerifyResult> {
  const store = await openPgStore(url)
  try {
    return await store.log.verify()
  } finally {
    await store.close()
  }
}
