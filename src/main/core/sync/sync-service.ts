import type { SqliteDatabase } from '@infra/sqlite'
import type { PushHub } from '../push-hub'
import type { StatusBoard } from '../status-board'
import { pruneFinished } from '../store/retention'
import type { ApplyResult } from './apply-events'
import { Outbox } from './outbox'
import { OutboxSender } from './outbox-sender'
import { ReferenceCache } from './reference-cache'
import { SyncEngine } from './sync-engine'
import { readSyncState } from './sync-state'

export interface SyncServiceOptions {
  readonly sqlite: SqliteDatabase
  readonly hub: PushHub
  readonly status: StatusBoard
  readonly workstationId: string
  readonly server: { readonly url: string; readonly token: string } | null
  /** Finished incidents older than this are pruned from the cache (open ones never are). */
  readonly keepClosedDays?: number
  readonly pruneEveryMs?: number
  readonly onApplied?: (result: ApplyResult, source: 'replay' | 'live' | 'snapshot') => void
}

/** The outbox, its sender, the reference cache and (with a server) the engine, wired together. */
export class SyncService {
  readonly outbox: Outbox
  readonly sender: OutboxSender
  readonly reference: ReferenceCache
  readonly engine: SyncEngine | null
  private pruneTimer: NodeJS.Timeout | null = null

  constructor(private readonly o: SyncServiceOptions) {
    this.outbox = new Outbox(o.sqlite)
    this.reference = new ReferenceCache(o.sqlite)
    this.sender = new OutboxSender(this.outbox, (s) => {
      void this.refreshCounts()
      o.hub.emit('changes', {
        incidentIds: [s.incidentId],
        all: false,
        conflictsChanged: s.result === 'conflict',
        cursor: o.status.get().cursor,
      })
    })
    this.engine = o.server
      ? new SyncEngine({
          url: o.server.url,
          token: o.server.token,
          workstationId: o.workstationId,
          sqlite: o.sqlite,
          status: o.status,
          hub: o.hub,
          sender: this.sender,
          reference: this.reference,
          onApplied: (r, source) => {
            if (r.applied > 0) void this.refreshCounts()
            o.onApplied?.(r, source)
          },
        })
      : null
  }

  async start(): Promise<void> {
    await this.reference.load()
    const state = await readSyncState(this.o.sqlite)
    const q = await this.o.sqlite.get('SELECT count(*) AS n FROM quarantine')
    this.o.status.update({
      cursor: state.cursor,
      newestEventAt: state.newestEventAt,
      operator: state.principal,
      quarantined: Number(q?.n ?? 0),
    })
    await this.refreshCounts()
    await this.engine?.start()
    const every = this.o.pruneEveryMs ?? 10 * 60_000
    const prune = () => {
      pruneFinished(this.o.sqlite, { keepClosedDays: this.o.keepClosedDays }).catch(() => undefined)
    }
    setTimeout(prune, 5_000).unref?.()
    this.pruneTimer = setInterval(prune, every)
    this.pruneTimer.unref?.()
  }

  async stop(): Promise<void> {
    if (this.pruneTimer) clearInterval(this.pruneTimer)
    this.sender.stop()
    await this.engine?.stop()
    await this.sender.idle()
  }

  /** Pending and conflict counts for the status bar, from the store (the truth survives restarts). */
  async refreshCounts(): Promise<void> {
    try {
      const [pendingCommands, conflicts] = await Promise.all([this.outbox.pendingCount(), this.outbox.conflictCount()])
      this.o.status.update({ pendingCommands, conflicts })
    } catch {
      // Store closing.
    }
  }
}
