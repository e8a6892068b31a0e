import type { SqliteDatabase } from '@infra/sqlite'
import type { AssessmentMessage, PeopleReply } from '@shared/protocol'
import { RuleSetCache } from '../assessment/rule-set-cache'
import type { PushHub } from '../push-hub'
import type { StatusBoard } from '../status-board'
import { ComponentCache } from '../map/component-cache'
import { PositionStore } from '../map/position-store'
import { pruneFinished } from '../store/retention'
import type { ApplyResult } from './apply-events'
import { keepOfflineSince } from './offline-mark'
import { Outbox } from './outbox'
import { restoredQueue } from './restored-queue'
import { OutboxSender } from './outbox-sender'
import { ReferenceCache } from './reference-cache'
import type { ServerAccess } from './server-access'
import { SyncEngine } from './sync-engine'
import { readSyncState } from './sync-state'

export interface SyncServiceOptions {
  readonly sqlite: SqliteDatabase
  readonly hub: PushHub
  readonly status: StatusBoard
  /** The central server and how to authenticate; null runs with the cache only. */
  readonly access: ServerAccess | null
  /** Finished incidents older than this are pruned from the cache (open ones never are). */
  readonly keepClosedDays?: number
  readonly pruneEveryMs?: number
  readonly onApplied?: (result: ApplyResult, source: 'replay' | 'live' | 'snapshot') => void
}

/**
 * The outbox, its sender, the reference cache and (with a server) the engine, wired together.
 * `start` opens the cache; the link to the server runs between `connect` and `disconnect`
 * (while someone is signed in, or always with a service token).
 */
export class SyncService {
  readonly outbox: Outbox
  readonly sender: OutboxSender
  readonly reference: ReferenceCache
  readonly components: ComponentCache
  readonly positions: PositionStore
  /** The server's active rule set (评分细则), cached (issue 12). */
  readonly ruleSets: RuleSetCache
  readonly engine: SyncEngine | null
  private pruneTimer: NodeJS.Timeout | null = null
  private offlineMark: { stop(): Promise<void> } | null = null

  constructor(private readonly o: SyncServiceOptions) {
    this.outbox = new Outbox(o.sqlite)
    this.reference = new ReferenceCache(o.sqlite)
    this.components = new ComponentCache(o.sqlite)
    this.positions = new PositionStore(o.hub)
    this.ruleSets = new RuleSetCache(o.sqlite)
    this.ruleSets.onChange((active) => o.hub.emit('ruleSet', active))
    this.sender = new OutboxSender(this.outbox, (s) => {
      void this.refreshCounts()
      o.hub.emit('changes', {
        incidentIds: [s.incidentId],
        all: false,
        conflictsChanged: s.result === 'conflict',
        cursor: o.status.get().cursor,
      })
    })
    this.engine = o.access
      ? new SyncEngine({
          access: o.access,
          sqlite: o.sqlite,
          status: o.status,
          hub: o.hub,
          sender: this.sender,
          reference: this.reference,
          components: this.components,
          positions: this.positions,
          ruleSets: this.ruleSets,
          onApplied: (r, source) => {
            if (r.applied > 0) void this.refreshCounts()
            o.onApplied?.(r, source)
          },
        })
      : null
  }

  /** The command room's people and who is on shift, from the server; null offline or refused. */
  async people(): Promise<PeopleReply | null> {
    return this.engine ? this.engine.people() : null
  }

  /** One answered request on the live session (rule sets, frozen reports); null offline (see SyncEngine.ask). */
  async ask(message: AssessmentMessage, payload: unknown): Promise<{ reply: unknown } | null> {
    return this.engine ? this.engine.ask(message, payload) : null
  }

  /** The map asks for the components (fetched from the server when the cached ones are not current). */
  wantComponents(): void {
    this.engine?.wantComponents()
  }

  async start(): Promise<void> {
    await this.reference.load()
    await this.components.load()
    await this.ruleSets.load()
    const state = await readSyncState(this.o.sqlite)
    const q = await this.o.sqlite.get('SELECT count(*) AS n FROM quarantine')
    this.o.status.update({
      cursor: state.cursor,
      newestEventAt: state.newestEventAt,
      operator: state.principal,
      quarantined: Number(q?.n ?? 0),
    })
    await this.refreshCounts()
    this.offlineMark = await keepOfflineSince(this.o.sqlite, this.o.status)
    const restored = await restoredQueue(this.o.sqlite)
    if (restored) this.o.status.update({ restoredQueue: restored })
    const every = this.o.pruneEveryMs ?? 10 * 60_000
    const prune = () => {
      pruneFinished(this.o.sqlite, { keepClosedDays: this.o.keepClosedDays }).catch(() => undefined)
    }
    setTimeout(prune, 5_000).unref?.()
    this.pruneTimer = setInterval(prune, every)
    this.pruneTimer.unref?.()
  }

  /** Starts syncing (the engine connects when its access has a credential). */
  async connect(): Promise<void> {
    await this.engine?.start()
  }

  /** Stops syncing; the outbox keeps what is queued. */
  async disconnect(): Promise<void> {
    await this.engine?.stop()
  }

  async stop(): Promise<void> {
    // Stopping is not an outage: only a link lost while running is remembered as "offline since".
    await this.offlineMark?.stop()
    if (this.pruneTimer) clearInterval(this.pruneTimer)
    this.sender.stop()
    await this.engine?.stop()
    this.positions.dispose()
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
