import type { SqlExecutor, SqlParam } from '@infra/sqlite'

/** SQLite's default limit on bound parameters per statement (SQLITE_MAX_VARIABLE_NUMBER). */
export const MAX_PARAMS = 32766

/**
 * Multi-row INSERT … [ON CONFLICT …] in as few statements as the parameter limit
 * allows: node-sqlite3 does ~13k rows/s one statement per row, ~80–90k rows/s like this.
 */
export async function insertMany(
  tx: SqlExecutor,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly SqlParam[])[],
  tail = '',
): Promise<void> {
  if (rows.length === 0) return
  const perRow = `(${columns.map(() => '?').join(',')})`
  const chunk = Math.max(1, Math.floor(MAX_PARAMS / columns.length))
  const head = `INSERT INTO ${table} (${columns.join(',')}) VALUES `
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk)
    const params: SqlParam[] = []
    for (const row of part) for (const v of row) params.push(v)
    await tx.run(head + new Array(part.length).fill(perRow).join(',') + (tail ? ` ${tail}` : ''), params)
  }
}

/** Runs `query` with `ids` bound as an IN list, in chunks under the parameter limit. */
export async function selectIn<T>(
  tx: SqlExecutor,
  ids: readonly string[],
  query: (placeholders: string) => string,
  map: (row: Record<string, unknown>) => T,
  extra: readonly SqlParam[] = [],
): Promise<T[]> {
  const out: T[] = []
  const chunk = MAX_PARAMS - extra.length - 10
  for (let i = 0; i < ids.length; i += chunk) {
    const part = ids.slice(i, i + chunk)
    const rows = await tx.all(query(part.map(() => '?').join(',')), [...part, ...extra])
    for (const r of rows) out.push(map(r))
  }
  return out
}

/**
 * The same as insertMany but with the whole batch bound as ONE JSON parameter
 * (rows as positional arrays) and unpacked by SQLite's json_each on its own
 * thread. Binding tens of thousands of parameters is the main-thread cost of
 * node-sqlite3; one string is not, and the event loop stays free while SQLite
 * works. Values must be JSON scalars (booleans as 0/1).
 */
export async function insertJson(
  tx: SqlExecutor,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly SqlParam[])[],
  tail = '',
): Promise<void> {
  if (rows.length === 0) return
  const select = columns.map((_, i) => `value->>${i}`).join(', ')
  // `WHERE true` keeps SQLite from reading ON CONFLICT as a join constraint of the SELECT.
  await tx.run(`INSERT INTO ${table} (${columns.join(',')}) SELECT ${select} FROM json_each(?) WHERE true ${tail}`, [
    JSON.stringify(rows),
  ])
}
