import type { DatabaseStatus, SyncStatus } from '@shared/contract'
import type { PushHub } from './push-hub'

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

/**
 * The one place the workstation's status lives. Parts of the core update it;
 * every change is pushed to all windows, coalesced to at most one push per
 * `intervalMs` so a busy stream cannot flood the renderers.
 */
export class StatusBoard {
  private state: Mutable<SyncStatus>
  private timer: NodeJS.Timeout | null = null
  private lastPush = 0
  private readonly watchers = new Set<(next: SyncStatus, previous: SyncStatus) => void>()

  constructor(
    private readonly hub: PushHub,
    database: DatabaseStatus,
    private readonly intervalMs = 250,
  ) {
    this.state = {
      connection: 'offline',
      serverUrl: null,
      offlineSince: Date.now(),
      restoredQueue: null,
      catchUp: null,
      cursor: 0,
      headSeq: null,
      pendingCommands: 0,
      conflicts: 0,
      quarantined: 0,
      newestEventAt: null,
      lastContactAt: null,
      operator: null,
      database,
    }
  }

  get(): SyncStatus {
    return { ...this.state }
  }

  update(patch: Partial<SyncStatus>): void {
    const next = { ...this.state, ...patch }
    // "Offline since T" lasts until the link is really back: retrying (connecting) is still offline.
    if (next.connection === 'online' || next.connection === 'catching_up') next.offlineSince = null
    else if (next.offlineSince === null) next.offlineSince = patch.offlineSince ?? Date.now()
    const previous = this.state
    this.state = next
    for (const watcher of this.watchers) watcher(next, previous)
    this.schedule()
  }

  /** Called synchronously on every update (not coalesced), with the state before it; returns an unsubscribe. */
  watch(watcher: (next: SyncStatus, previous: SyncStatus) => void): () => void {
    this.watchers.add(watcher)
    return () => this.watchers.delete(watcher)
  }

  private schedule(): void {
    if (this.timer) return
    const wait = Math.max(0, this.lastPush + this.intervalMs - Date.now())
    this.timer = setTimeout(() => {
      this.timer = null
      this.lastPush = Date.now()
      this.hub.emit('status', this.get())
    }, wait)
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }
}
