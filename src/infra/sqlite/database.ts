import sqlite3 from 'sqlite3'

export type SqlParam = string | number | bigint | null | Uint8Array | boolean
export type Row = Record<string, unknown>

/** Statements a caller may issue; the same inside and outside a transaction. */
export interface SqlExecutor {
  all(sql: string, params?: readonly SqlParam[]): Promise<Row[]>
  get(sql: string, params?: readonly SqlParam[]): Promise<Row | undefined>
  run(sql: string, params?: readonly SqlParam[]): Promise<{ changes: number; lastID: number }>
  exec(sql: string): Promise<void>
}

/**
 * Writes worth keeping prepared: node-sqlite3 prepares, runs and finalizes a statement for
 * every call (three trips to its thread, and SQLite compiles the SQL each time). Only plain
 * INSERT/UPDATE/DELETE (no RETURNING) with bound values qualify: such a statement runs to
 * completion in one step, so a kept one never holds a read snapshot, and binding a
 * non-empty list clears the previous call's values first.
 */
const CACHEABLE = /^\s*(INSERT|UPDATE|DELETE)\b/i
const RETURNING = /\bRETURNING\b/i
const MAX_CACHED = 64
const MAX_CACHED_SQL = 4000

function normalise(params: readonly SqlParam[] = []): unknown[] {
  return params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : typeof p === 'bigint' ? Number(p) : p))
}

/**
 * The one connection to a SQLite file. node-sqlite3 runs statements on a worker
 * thread, so two async callers could interleave statements inside each other's
 * transaction; every top-level call therefore goes through one queue, and a
 * transaction holds the queue until it commits or rolls back.
 */
export class SqliteDatabase implements SqlExecutor {
  private queue: Promise<unknown> = Promise.resolve()
  private closed = false
  /** Kept prepared statements by SQL text, least recently used first. */
  private readonly statements = new Map<string, Promise<sqlite3.Statement>>()

  private constructor(
    private readonly db: sqlite3.Database,
    readonly file: string,
  ) {}

  static async open(file: string, options: { readonly?: boolean } = {}): Promise<SqliteDatabase> {
    const mode = options.readonly ? sqlite3.OPEN_READONLY : sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE
    const raw = await new Promise<sqlite3.Database>((resolve, reject) => {
      const db = new sqlite3.Database(file, mode, (err) => (err ? reject(err) : resolve(db)))
    })
    const database = new SqliteDatabase(raw, file)
    raw.configure('busyTimeout', 5000)
    if (!options.readonly) {
      await database.raw.exec('PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;')
    }
    return database
  }

  /** Direct statements, bypassing the queue: only for use while the queue is held. */
  private readonly raw: SqlExecutor = {
    all: (sql, params) =>
      new Promise((resolve, reject) =>
        this.db.all(sql, normalise(params), (err, rows: Row[]) => (err ? reject(err) : resolve(rows))),
      ),
    get: (sql, params) =>
      new Promise((resolve, reject) =>
        this.db.get(sql, normalise(params), (err, row: Row | undefined) => (err ? reject(err) : resolve(row))),
      ),
    run: (sql, params) => {
      if (params && params.length > 0 && sql.length <= MAX_CACHED_SQL && CACHEABLE.test(sql) && !RETURNING.test(sql)) {
        return this.runPrepared(sql, normalise(params))
      }
      return new Promise((resolve, reject) =>
        this.db.run(sql, normalise(params), function (err) {
          if (err) reject(err)
          else resolve({ changes: this.changes, lastID: this.lastID })
        }),
      )
    },
    exec: (sql) => new Promise((resolve, reject) => this.db.exec(sql, (err) => (err ? reject(err) : resolve()))),
  }

  private prepared(sql: string): Promise<sqlite3.Statement> {
    let statement = this.statements.get(sql)
    if (statement) {
      this.statements.delete(sql) // re-insert: Map order is the recency order
    } else {
      statement = new Promise<sqlite3.Statement>((resolve, reject) => {
        const s: sqlite3.Statement = this.db.prepare(sql, (err) => (err ? reject(err) : resolve(s)))
      })
      const mine = statement
      statement.catch(() => {
        if (this.statements.get(sql) === mine) this.statements.delete(sql)
      })
      if (this.statements.size >= MAX_CACHED) {
        const [oldest, old] = this.statements.entries().next().value as [string, Promise<sqlite3.Statement>]
        this.statements.delete(oldest)
        void finalize(old)
      }
    }
    this.statements.set(sql, statement)
    return statement
  }

  private async runPrepared(sql: string, params: unknown[]): Promise<{ changes: number; lastID: number }> {
    const statement = await this.prepared(sql)
    return new Promise((resolve, reject) =>
      statement.run(params, function (err) {
        if (err) reject(err)
        else resolve({ changes: this.changes, lastID: this.lastID })
      }),
    )
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error(`database ${this.file} is closed`))
    const result = this.queue.then(task, task)
    this.queue = result.catch(() => undefined)
    return result
  }

  all(sql: string, params?: readonly SqlParam[]): Promise<Row[]> {
    return this.enqueue(() => this.raw.all(sql, params))
  }
  get(sql: string, params?: readonly SqlParam[]): Promise<Row | undefined> {
    return this.enqueue(() => this.raw.get(sql, params))
  }
  run(sql: string, params?: readonly SqlParam[]): Promise<{ changes: number; lastID: number }> {
    return this.enqueue(() => this.raw.run(sql, params))
  }
  exec(sql: string): Promise<void> {
    return this.enqueue(() => this.raw.exec(sql))
  }

  /**
   * Runs `work` inside BEGIN IMMEDIATE … COMMIT with the queue held, so nothing
   * else interleaves; any throw rolls back and rethrows.
   */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.within('BEGIN IMMEDIATE', work)
  }

  /**
   * Runs `work` in a read transaction (BEGIN DEFERRED): every statement sees one snapshot. On a
   * second, read-only connection to a WAL file this never waits for, or holds up, the writer.
   */
  snapshot<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.within('BEGIN DEFERRED', work)
  }

  private within<T>(begin: string, work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.enqueue(async () => {
      await this.raw.exec(begin)
      try {
        const result = await work(this.raw)
        await this.raw.exec('COMMIT')
        return result
      } catch (err) {
        await this.raw.exec('ROLLBACK').catch(() => undefined)
        throw err
      }
    })
  }

  async close(): Promise<void> {
    if (this.closed) return
    await this.enqueue(async () => undefined)
    this.closed = true
    const statements = [...this.statements.values()]
    this.statements.clear()
    await Promise.all(statements.map(finalize))
    await new Promise<void>((resolve, reject) => this.db.close((err) => (err ? reject(err) : resolve())))
  }
}

/** Finalizes a kept statement (one whose prepare failed has nothing to finalize). */
async function finalize(statement: Promise<sqlite3.Statement>): Promise<void> {
  const s = await statement.catch(() => null)
  if (s) await new Promise<void>((resolve) => s.finalize(() => resolve()))
}
