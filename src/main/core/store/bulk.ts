import type { SqlExecutor, SqlParam } from '@infra/sqlite'

/** SQLite's default limit on bound parameters per statement (SQLITE_MAX_VARIABLE_NUMBER). */
export const MAX_PARAMS = 32766

/** One SQL statement with its bound values, built ahead of running it. */
export type Statement = readonly [sql: string, params: SqlParam[]]

/** Runs statements one after another, in order. */
export async function runAll(tx: SqlExecutor, statements: readonly Statement[]): Promise<void> {
  for (const [sql, params] of statements) await tx.run(sql, params)
}

/**
 * Multi-row INSERT … [ON CONFLICT …] in as few statements as the parameter limit
 * allows: node-sqlite3 does ~13k rows/s one statement per row, ~80–90k rows/s like this.
 */
export function insertManyStatements(
  table: string,
  columns: readonly string[],
  rows: readonly (readonly SqlParam[])[],
  tail = '',
): Statement[] {
  const out: Statement[] = []
  const perRow = `(${columns.map(() => '?').join(',')})`
  const chunk = Math.max(1, Math.floor(MAX_PARAMS / columns.length))
  const head = `INSERT INTO ${table} (${columns.join(',')}) VALUES `
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk)
    const params: SqlParam[] = []
    for (const row of part) for (const v of row) params.push(v)
    out.push([head + new Array(part.length).fill(perRow).join(',') + (tail ? ` ${tail}` : ''), params])
  }
  return out
}

export function insertMany(
  tx: SqlExecutor,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly SqlParam[])[],
  tail = '',
): Promise<void> {
  return runAll(tx, insertManyStatements(table, columns, rows, tail))
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
 * JSON.stringify writes a lone UTF-16 surrogate as a `\udXXX` escape, which SQLite would
 * decode into bytes that are not UTF-8, where binding the string replaces it with U+FFFD.
 * A batch whose JSON has one (rare; a false alarm is harmless) takes the bound-parameter
 * path so what is stored never depends on the path.
 */
export const LONE_SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/

/** Positional access into the element `value` of `jsonb_each`: `value->>'$[i]'` reads the JSONB blob directly. */
export const jsonCol = (i: number): string => `value->>'$[${i}]'`

/**
 * A REAL as two JSON integers [m, k] with value = m / 2^k exactly: SQLite's text-to-double
 * conversion is not always correctly rounded (one ULP off now and then), integer parsing and
 * division by a power of two are exact. null stays null; undefined when it cannot be encoded.
 */
export function exactReal(value: SqlParam): [number, number] | null | undefined {
  if (value === null) return null
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined
  let m = value
  let k = 0
  while (!Number.isInteger(m)) {
    if (++k > 62) return undefined
    m *= 2
  }
  return Number.isSafeInteger(m) ? [m, k] : undefined
}

/** A value JSON carries to SQLite unchanged: text, NULL, a safe integer, a boolean (read back as 0/1, as bound). */
export function jsonExact(v: unknown): boolean {
  return typeof v === 'string' || v === null || typeof v === 'boolean' || Number.isSafeInteger(v)
}

/** SQL that reads back what exactReal wrote at position i. */
const realCol = (i: number): string => `CAST(value->>'$[${i}][0]' AS REAL) / (1 << (value->>'$[${i}][1]'))`

/**
 * The same as insertMany but with the whole batch bound as ONE JSON parameter
 * (rows as positional arrays) and unpacked by SQLite's jsonb_each on its own
 * thread. Binding tens of thousands of parameters is the main-thread cost of
 * node-sqlite3; one string is not, and the event loop stays free while SQLite
 * works. Values must be JSON scalars (booleans as 0/1); columns named in `reals`
 * go through exactReal. Anything JSON cannot carry exactly falls back to insertMany.
 */
export function insertJsonStatements(
  table: string,
  columns: readonly string[],
  rows: readonly (readonly SqlParam[])[],
  tail = '',
  reals: readonly string[] = [],
): Statement[] {
  if (rows.length === 0) return []
  const fallback = () => insertManyStatements(table, columns, rows, tail)
  const realAt = columns.map((c) => reals.includes(c))
  let payload: readonly (readonly unknown[])[] = rows
  if (reals.length === 0) {
    for (const row of rows) for (const v of row) if (!jsonExact(v)) return fallback()
  } else {
    const encoded = new Array<unknown[]>(rows.length)
    for (let r = 0; r < rows.length; r++) {
      const row: unknown[] = rows[r]!.slice()
      for (let i = 0; i < row.length; i++) {
        const v = row[i]
        if (realAt[i]) {
          const x = exactReal(v as SqlParam)
          if (x === undefined) return fallback()
          row[i] = x
        } else if (!jsonExact(v)) return fallback()
      }
      encoded[r] = row
    }
    payload = encoded
  }
  const json = JSON.stringify(payload)
  if (LONE_SURROGATE_ESCAPE.test(json)) return fallback()
  const select = columns.map((_, i) => (realAt[i] ? realCol(i) : jsonCol(i))).join(', ')
  // `WHERE true` keeps SQLite from reading ON CONFLICT as a join constraint of the SELECT.
  return [
    [`INSERT INTO ${table} (${columns.join(',')}) SELECT ${select} FROM jsonb_each(?) WHERE true ${tail}`, [json]],
  ]
}

export function insertJson(
  tx: SqlExecutor,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly SqlParam[])[],
  tail = '',
  reals: readonly string[] = [],
): Promise<void> {
  return runAll(tx, insertJsonStatements(table, columns, rows, tail, reals))
}
