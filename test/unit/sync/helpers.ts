import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
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
