import type { ChangeNotice, IncidentView, TableChanges, TableQuery } from '@shared/contract'
import { planLive } from './live-rows'

/** A change notice is looked at after this long, with whatever else arrived meanwhile. */
const COALESCE_MS = 120
/** Reloading the held blocks because the order moved happens at most this often (the rows would jump). */
const RELOAD_EVERY_MS = 1000
/** Held rows further apart than this (a jump with the scrollbar): only the part on screen is checked. */
const MAX_SPAN = 1000

/** What the live updates need of the grid (the Infinite Row Model's API in the app). */
export interface LiveGrid {
  /** Held rows with data: position → case. */
  held(): Map<number, IncidentView>
  displayed(): { first: number; last: number }
  /** The row count the grid knows, and whether it is the real end. */
  rowCount(): { count: number; known: boolean }
  /** Reload the held blocks (they keep showing until the new rows arrive). */
  reload(): void
  /** Start over (the whole cache was rebuilt). */
  restart(): void
  patch(views: readonly IncidentView[]): void
}

export interface LiveTableDeps {
  readonly grid: LiveGrid
  readonly query: () => TableQuery
  readonly changed: (args: { query: TableQuery; ids: string[]; offset: number; limit: number }) => Promise<TableChanges>
  /** After each look, whatever it found (the count may have moved too). */
  readonly onLook: (outcome: 'patched' | 'reloaded' | 'unchanged', patched: number) => void
  readonly onError: (message: string) => void
  readonly now?: () => number
}

/**
 * Keeps the rows the table holds current (see live-rows.ts for the rule): change
 * notices are coalesced, one look at a time; a reload because the order moved
 * waits at least RELOAD_EVERY_MS after the previous one.
 */
export class LiveTable {
  private readonly ids = new Set<string>()
  private dirty = false
  private all = false
  private busy = false
  private lastReload = -Infinity
  private timer: ReturnType<typeof setTimeout> | null = null
  private stopped = false

  constructor(private readonly deps: LiveTableDeps) {}

  notice(n: ChangeNotice): void {
    if (n.all) this.all = true
    for (const id of n.incidentIds) this.ids.add(id)
    this.poke()
  }

  /** Something may have moved without a notice (the clock, for the overdue view): look again. */
  poke(): void {
    this.dirty = true
    this.schedule(COALESCE_MS)
  }

  stop(): void {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
  }

  private schedule(ms: number): void {
    if (this.stopped) return
    this.timer ??= setTimeout(() => {
      this.timer = null
      void this.look()
    }, ms)
  }

  private async look(): Promise<void> {
    if (this.busy || this.stopped) return
    const { grid } = this.deps
    const now = this.deps.now ?? Date.now
    if (this.all) {
      this.all = false
      this.dirty = false
      this.ids.clear()
      grid.restart()
      return
    }
    const changed = [...this.ids]
    this.ids.clear()
    this.dirty = false
    const held = grid.held()
    if (held.size === 0) {
      this.deps.onLook('unchanged', 0)
      return
    }
    const positions = [...held.keys()]
    let first = Math.min(...positions)
    let last = Math.max(...positions)
    if (last - first > MAX_SPAN) ({ first, last } = grid.displayed())
    const ids: (string | null)[] = []
    for (let i = first; i <= last; i++) ids.push(held.get(i)?.id ?? null)
    const byId = new Map([...held.values()].map((v) => [v.id, v]))
    const mine = changed.filter((id) => byId.has(id)).slice(0, 5000)
    const { count, known } = grid.rowCount()
    const atEnd = known && last >= count - 1
    this.busy = true
    try {
      const answer = await this.deps.changed({
        query: this.deps.query(),
        ids: mine,
        offset: first,
        limit: Math.min(ids.length + 1, 5000),
      })
      if (this.stopped) return
      const plan = planLive({ offset: first, ids, atEnd }, answer.ids, answer.rows, (id) => byId.get(id))
      if (plan.reload) {
        const wait = this.lastReload + RELOAD_EVERY_MS - now()
        if (wait > 0) {
          // Reloaded a moment ago: look again when the pause is over (the order may settle by then).
          for (const id of mine) this.ids.add(id)
          this.dirty = true
          this.schedule(wait)
          return
        }
        this.lastReload = now()
        grid.reload()
        this.deps.onLook('reloaded', 0)
        return
      }
      if (plan.patch.length > 0) grid.patch(plan.patch)
      this.deps.onLook(plan.patch.length > 0 ? 'patched' : 'unchanged', plan.patch.length)
    } catch (err) {
      this.deps.onError(err instanceof Error ? err.message : String(err))
    } finally {
      this.busy = false
      if (this.dirty || this.all) this.schedule(COALESCE_MS)
    }
  }
}
