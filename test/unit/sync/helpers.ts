import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { PushHub } from '../../../src/main/core/push-hub'
import { StatusBoard } from '../../../src/main/core/status-board'
import { openStore, type Store } from '../../../src/main/core/store/open-store'

export const MIGRATIONS = fileURLToPath(new URL('../../../drizzle', import.meta.url))

export async function tempStore(): Promise<{ store: Store; dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'gc-sync-'))
  const store = await openStore(dir, MIGRATIONS)
  return {
    store,
    dir,
    cleanup: async () => {
      await store.close().catch(() => undefined)
      await rm(dir, { recursive: true, force: true })
    },
  }
}

/** A status board as the core starts one before the store's figures are read (dispose it after). */
export function blankStatusBoard(hub: PushHub = new PushHub()): StatusBoard {
  return new StatusBoard(hub, {
    file: '',
    sizeBytes: 0,
    incidents: 0,
    schemaVersion: 0,
    journalMode: 'wal',
    recoveredFrom: null,
  })
}
