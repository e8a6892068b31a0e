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
      new Promise((resolve, reject) => this.db.all(sql, normalise(params), (err, rows: Row[]) => (err ? reject(err) : resolve(rows)))),
    get: (sql, params) =>
      new Promise((resolve, reject) => this.db.get(sql, normalise(params), (err, row: Row | undefined) => (err ? reject(err) : resolve(row)))),
    run: (sql, params) =>
      new Promise((resolve, reject) =>
        this.db.run(sql, normalise(params), function (err) {
          if (err) reject(err)
          else resolve({ changes: this.changes, lastID: this.lastID })
        }),
      ),
    exec: (sql) => new Promise((resolve, reject) => this.db.exec(sql, (err) => (err ? reject(err) : resolve()))),
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
    return this.enqueue(async () => {
      await this.raw.exec('BEGIN IMMEDIATE')
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
    await new Promise<void>((resolve, reject) => this.db.close((err) => (err ? reject(err) : resolve())))
  }
}
