import { openServerDb } from '../../src/server/db/open'
import { openPgStore } from '../../src/server/pg/open'
import { sideStores, type SideStores } from '../../src/server/store/side-stores'
import { storeFor } from './test-store'

/** Accounts and rule sets of the server on `dataDir`, on the store the suite runs on (as the server opens them). */
export async function openSideStores(dataDir: string): Promise<SideStores & { close(): Promise<void> }> {
  const url = await storeFor(dataDir)
  const pg = url ? await openPgStore(url) : null
  const { db } = await openServerDb(dataDir)
  return {
    ...sideStores(db, pg?.db ?? null),
    close: async () => {
      await db.close()
      await pg?.close()
    },
  }
}

/** The CLI flags that name the server's store on `dataDir`: --data-dir, and --store on PostgreSQL. */
export async function storeArgs(dataDir: string): Promise<string[]> {
  const url = await storeFor(dataDir)
  return ['--data-dir', dataDir, ...(url ? ['--store', url] : [])]
}
