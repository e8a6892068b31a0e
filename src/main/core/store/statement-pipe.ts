import type { SqlExecutor } from '@infra/sqlite'
import type { Statement } from './bulk'

/**
 * Statements queued here start strictly one after another, in the order they were
 * queued, without the caller awaiting each: the caller goes on preparing the next
 * while SQLite works on its own thread. After a failure the rest are skipped and
 * `drain` throws the first failure once nothing is in flight (so a rollback never
 * races a running statement).
 */
export class StatementPipe {
  private last: Promise<unknown> = Promise.resolve()
  private idle = true
  private failure: { error: unknown } | null = null
  private readonly all: Promise<unknown>[] = []
  private queued = 0

  /** Statements queued behind the running one: each can start only when this thread next yields. */
  get waiting(): number {
    return this.queued
  }

  constructor(private readonly tx: SqlExecutor) {}

  push(statements: readonly Statement[]): void {
    for (const [sql, params] of statements) {
      const run = async () => (this.failure ? undefined : this.tx.run(sql, params))
      // Nothing running: start now, not on a later microtask (the caller is about to do a lot of work).
      let p: Promise<unknown>
      if (this.idle) p = run()
      else {
        this.queued++
        p = this.last.then(() => {
          this.queued--
          return run()
        })
      }
      this.idle = false
      const mine = p.then(
        () => {
          if (this.last === mine) this.idle = true
        },
        (error: unknown) => {
          this.failure ??= { error }
          if (this.last === mine) this.idle = true
        },
      )
      this.last = mine
      this.all.push(mine)
    }
  }

  async drain(): Promise<void> {
    await Promise.all(this.all)
    if (this.failure) throw this.failure.error
  }
}
