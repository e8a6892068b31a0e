import { afterAll } from 'vitest'
import { startCluster, type TestCluster } from './postgres'

/**
 * Which store the server integration suite runs on: the `postgres` vitest project sets
 * GRID_TEST_STORE=postgres (vitest.config.ts), and every server a test starts then keeps its
 * log in a database of a throwaway cluster, one database per data folder (a restart on the same
 * folder finds the same log).
 */
export const TEST_STORE: 'sqlite' | 'postgres' = process.env.GRID_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite'

let cluster: Promise<TestCluster> | null = null
const databases = new Map<string, Promise<string>>()

/** The PostgreSQL URL for a server on `dataDir` (undefined on SQLite). */
export function storeFor(dataDir: string): Promise<string | undefined> {
  if (TEST_STORE === 'sqlite') return Promise.resolve(undefined)
  cluster ??= startCluster()
  let db = databases.get(dataDir)
  if (!db) {
    db = cluster.then((c) => c.database())
    databases.set(dataDir, db)
  }
  return db
}

/** A fresh database of this file's cluster (started on first use). */
export function freshDatabase(): Promise<string> {
  cluster ??= startCluster()
  return cluster.then((c) => c.database())
}

/** Registered by the postgres project's setup file: the cluster goes when the file is done. */
export function stopClusterAfterAll(): void {
  afterAll(async () => {
    const c = cluster
    cluster = null
    databases.clear()
    if (c) await (await c).stop()
  })
}
