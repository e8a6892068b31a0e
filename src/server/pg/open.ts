import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { drizzle } from 'drizzle-orm/node-postgres'
import { migrate } from 'drizzle-orm/node-postgres/migrator'
import pg from 'pg'
import { LOG_CHANNEL, PgLog, type PgDb } from './pg-log'
import * as schema from './schema'

/** Serialises migrations when several nodes start together (any fixed key of this app's). */
const MIGRATION_LOCK = 4_311_018

/** Finds drizzle-server-pg/ by walking up from this module, then the working directory. */
export function findPgMigrationsFolder(): string {
  const candidates: string[] = []
  try {
    let dir = dirname(fileURLToPath(import.meta.url))
    for (let i = 0; i < 6; i++) {
      candidates.push(join(dir, 'drizzle-server-pg'))
      dir = dirname(dir)
    }
  } catch {
    // not a file URL: fall back to the working directory
  }
  candidates.push(resolve('drizzle-server-pg'))
  const found = candidates.find((c) => existsSync(join(c, 'meta', '_journal.json')))
  if (!found) throw new Error(`drizzle-server-pg migrations not found (looked in ${candidates.join(', ')})`)
  return found
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url)
}

export interface PgStore {
  readonly log: PgLog
  readonly db: PgDb
  readonly pool: pg.Pool
  close(): Promise<void>
}

/** Connects to the store at `url`, migrates it (one node at a time) and creates the head row. */
export async function openPgStore(url: string, migrationsFolder = findPgMigrationsFolder()): Promise<PgStore> {
  const pool = new pg.Pool({ connectionString: url, max: 8 })
  // An idle client losing its server (a failover, a restart) must not crash the node.
  pool.on('error', () => undefined)
  try {
    const client = await pool.connect()
    try {
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK])
      await migrate(drizzle(client, { schema }), { migrationsFolder })
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK])
    } finally {
      client.release()
    }
    const db = drizzle(pool, { schema })
    const log = new PgLog(db)
    await log.init()
    return { log, db, pool, close: () => pool.end() }
  } catch (err) {
    await pool.end()
    throw err
  }
}

export interface LogListener {
  close(): Promise<void>
}

/**
 * Calls `onCommit` whenever any node announces a commit, and every `pollMs` besides (a notice
 * lost while this connection was down is then late, not lost). The connection comes back by
 * itself after a failure.
 */
export function listenForCommits(url: string, onCommit: () => void, pollMs = 1000): LogListener {
  let client: pg.Client | null = null
  let closed = false
  let retry: NodeJS.Timeout | null = null
  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url })
    c.on('error', () => undefined)
    c.on('end', () => {
      if (client === c) client = null
      if (!closed) retry = setTimeout(() => void connect(), 500)
    })
    c.on('notification', (n) => {
      if (n.channel === LOG_CHANNEL) onCommit()
    })
    try {
      await c.connect()
      await c.query(`LISTEN ${LOG_CHANNEL}`)
      if (closed) return void (await c.end())
      client = c
      onCommit() // whatever was committed while not listening
    } catch {
      await c.end().catch(() => undefined)
    }
  }
  void connect()
  const poll = setInterval(onCommit, pollMs)
  poll.unref()
  return {
    close: async () => {
      closed = true
      clearInterval(poll)
      if (retry) clearTimeout(retry)
      await client?.end().catch(() => undefined)
    },
  }
}
