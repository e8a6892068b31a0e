import { openServerDb } from './db/open'
import { EventLog } from './log/event-log'
import { verifyChain, type VerifyResult } from './log/verify'

/** Verifies the hash chain (and projection) of the store in `dataDir` without starting a server. */
export async function verifyStore(dataDir: string, migrationsFolder?: string): Promise<VerifyResult> {
  const { db, orm } = await openServerDb(dataDir, migrationsFolder)
  try {
    return await verifyChain(new EventLog(db, orm))
  } finally {
    await db.close()
  }
}
