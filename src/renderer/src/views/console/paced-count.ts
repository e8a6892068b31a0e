import type { TableCounts, TableQuery } from '@shared/contract'

/** Counts follow the data at most this often, and never take more than a tenth of the time. */
const EVERY_MS = 2000

export interface PacedCountDeps {
  readonly count: (query: TableQuery) => Promise<TableCounts>
  /** A count for the query asked last (stale answers are dropped). */
  readonly onCount: (counts: TableCounts) => void
  /** A new query: its count is on the way. */
  readonly onCounting: () => void
  readonly onError: (message: string) => void
  readonly now?: () => number
}

/**
 * The table's count, from the core: asked at once for a new query; after
 * changes, asked again no sooner than EVERY_MS (or ten times as long as the
 * last count took) since the last one, and never twice at a time.
 */
export class PacedCount {
  private key = ''
  private value: number | null = null
  private busy = false
  private again: TableQuery | null = null
  private next = 0
  private timer: ReturnType<typeof setTimeout> | null = null
  private stopped = false

  constructor(private readonly deps: PacedCountDeps) {}

  /** The count of this query, when it is known. */
  known(query: TableQuery): number | null {
    return JSON.stringify(query) === this.key ? this.value : null
  }

  /** `fresh`: the query changed (count now); otherwise the data did (count when the pace allows). */
  ask(query: TableQuery, fresh: boolean): void {
    if (this.stopped) return
    const now = this.deps.now ?? Date.now
    const key = JSON.stringify(query)
    if (fresh || key !== this.key) {
      this.key = key
      this.value = null
      this.deps.onCounting()
    } else if (this.busy || now() < this.next) {
      this.again = query
      this.timer ??= setTimeout(
        () => {
          this.timer = null
          const q = this.again
          if (q && !this.busy) this.ask(q, false)
        },
        Math.max(50, this.next - now()),
      )
      return
    }
    this.busy = true
    this.again = null
    const started = now()
    this.deps
      .count(query)
      .then((r) => {
        if (this.key !== key || this.stopped) return
        this.value = r.count
        this.deps.onCount(r)
      })
      .catch((err: unknown) => this.deps.onError(err instanceof Error ? err.message : String(err)))
      .finally(() => {
        this.busy = false
        this.next = now() + Math.max(EVERY_MS, 10 * (now() - started))
        const q = this.again
        if (q) this.ask(q, false)
      })
  }

  stop(): void {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
  }
}
