import { drizzle, type SqliteRemoteDatabase } from 'drizzle-orm/sqlite-proxy'
import { migrate } from 'drizzle-orm/sqlite-proxy/migrator'
import type { SqlExecutor, SqliteDatabase, SqlParam } from './database'

const SELECT = /^\s*(select|with)\b/i
const INDEX_LIKE = /^(0|[1-9]\d*)$/

/**
 * node-sqlite3 returns rows as objects keyed by column name, while drizzle's
 * sqlite-proxy wants positional arrays. Two columns with one name (`a.id`,
 * `b.id`) would collapse into one key, so a select is wrapped as a subquery:
 * SQLite then names duplicates `id`, `id:1`, … in select order, and the
 * object's key order is the column order. (A column named like an integer would
 * be reordered by JavaScript, so such a query is refused with a clear error.)
 */
export function toPositional(rows: Record<string, unknown>[], sql: string): unknown[][] {
  return rows.map((row) => {
    const keys = Object.keys(row)
    if (keys.some((k) => INDEX_LIKE.test(k))) {
      throw new Error(`alias every numeric-looking column in: ${sql.slice(0, 200)}`)
    }
    return keys.map((k) => row[k])
  })
}

export function wrapSelect(sql: string): string {
  return SELECT.test(sql) ? `SELECT * FROM (${sql})` : sql
}

export type DrizzleDb<TSchema extends Record<string, unknown>> = SqliteRemoteDatabase<TSchema>

/**
 * A drizzle database over one executor: the queue-holding connection, or the
 * executor of a running transaction (so drizzle queries can join it).
 */
export function drizzleOver<TSchema extends Record<string, unknown>>(
  exec: SqlExecutor,
  schema: TSchema,
): DrizzleDb<TSchema> {
  return drizzle(
    async (sql, params, method) => {
      const p = params as SqlParam[]
      if (method === 'run') {
        await exec.run(sql, p)
        return { rows: [] }
      }
      const rows = await exec.all(wrapSelect(sql), p)
      const positional = toPositional(rows, sql)
      if (method === 'get') return { rows: (positional[0] ?? undefined) as unknown as unknown[] }
      return { rows: positional }
    },
    async (queries) => {
      // drizzle's batch: run in order, on the same executor (callers wrap in a transaction).
      const results: { rows: unknown[] }[] = []
      for (const q of queries) {
        if (q.method === 'run') {
          await exec.run(q.sql, q.params as SqlParam[])
          results.push({ rows: [] })
        } else {
          const positional = toPositional(await exec.all(wrapSelect(q.sql), q.params as SqlParam[]), q.sql)
          results.push({ rows: q.method === 'get' ? ((positional[0] ?? []) as unknown[]) : positional })
        }
      }
      return results
    },
    { schema },
  )
}

/** Applies the drizzle-kit migrations in `folder` (append-only), all in one transaction. */
export async function applyMigrations(db: SqliteDatabase, folder: string): Promise<void> {
  const orm = drizzleOver(db, {})
  await migrate(
    orm,
    async (queries) => {
      await db.transaction(async (tx) => {
        for (const q of queries) await tx.exec(q)
      })
    },
    { migrationsFolder: folder },
  )
}
