import { io, type Socket } from 'socket.io-client'
import type { SqliteDatabase } from '@infra/sqlite'
import type { ChangeNotice } from '@shared/contract'
import type { Command, Principal } from '@shared/domain'
import {
  LIMITS,
  MSG,
  PROTOCOL_VERSION,
  SYNC_NAMESPACE,
  HANDSHAKE_ERRORS,
  peopleReplySchema,
  type AssessmentMessage,
  type ClientToServer,
  type CommandMessage,
  type CommandReply,
  type Heartbeat,
  type HelloReply,
  type LiveBatch,
  type PeopleReply,
  type Problem,
  type ReplayPage,
  type ServerToClient,
  type SnapshotPage,
} from '@shared/protocol'
import type { ComponentCache } from '../map/component-cache'
import { validComponents } from '../map/component-cache'
import type { PositionStore } from '../map/position-store'
import type { RuleSetCache } from '../assessment/rule-set-cache'
import type { PushHub } from '../push-hub'
import type { StatusBoard } from '../status-board'
import { applyEvents, type ApplyResult } from './apply-events'
import type { Coverage } from './event-run'
import { applySnapshotPage } from './apply-snapshot'
import type { OutboxSender } from './outbox-sender'
import { isReferenceData, type ReferenceCache } from './reference-cache'
import { fitCacheToReader, samePrincipal } from '../session/cache-scope'
import type { ServerAccess } from './server-access'
import { readSyncState, savePrincipal } from './sync-state'

export interface SyncEngineOptions {
  /** The server and the credential for each connection (a signed-in session's access token, or a service token). */
  readonly access: ServerAccess
  readonly sqlite: SqliteDatabase
  readonly status: StatusBoard
  readonly hub: PushHub
  readonly sender: OutboxSender
  readonly reference: ReferenceCache
  /** Where joint teams and grid workers are (the server's `positions` batches). */
  readonly positions?: PositionStore
  /** The QR-coded components and rental buildings, fetched when the reference version changes. */
  readonly components?: ComponentCache
  /** The active rule set: asked for after each hello, replaced when the server pushes another. */
  readonly ruleSets?: RuleSetCache
  /** Live events are coalesced for at most this long before one transaction applies them. */
  readonly coalesceMs?: number
  readonly commandTimeoutMs?: number
  /** Called after each applied batch (tests and benchmarks observe the engine through this). */
  readonly onApplied?: (result: ApplyResult, source: 'replay' | 'live' | 'snapshot') => void
}

/** Replay pages acked before they are applied (see onReplay): at most this many wait in memory. */
const REPLAY_WINDOW = 2

type Phase = 'idle' | 'connecting' | 'hello' | 'replay' | 'reset' | 'live'
type SyncSocket = Socket<ServerToClient, ClientToServer>

/** A seq from the network: a positive safe integer, or null. */
function seqOf(v: unknown): number | null {
  return typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v : null
}

function isHelloReply(v: unknown): v is HelloReply {
  if (typeof v !== 'object' || v === null) return false
  const r = v as Record<string, unknown>
  return (
    typeof r.serverId === 'string' &&
    typeof r.headSeq === 'number' &&
    typeof r.oldestSeq === 'number' &&
    (r.mode === 'replay' || r.mode === 'reset' || r.mode === 'live') &&
    typeof r.referenceVersion === 'string' &&
    typeof r.principal === 'object' &&
    r.principal !== null
  )
}

/**
 * The client side of the sync protocol (src/shared/protocol/messages.ts):
 * hello with the stored cursor → replay pages (each applied, with the cursor, in
 * one transaction and only then acked: flow control) or snapshot pages → live
 * batches, coalesced for ≤ coalesceMs. Everything incoming goes through one
 * serial queue, so batches are applied in arrival order and never overlap.
 * A gap in seqs or a silent server re-hellos; a lost link reconnects with
 * backoff and jitter (its own loop: socket.io's reconnection would replay its
 * send buffer, and the outbox must decide what is resent).
 */
export class SyncEngine {
  private socket: SyncSocket | null = null
  /** The map wants the components (asked on demand: a district's are ~65,000, ~14 MB over the socket). */
  private componentsWanted = false
  private componentsFetch: Promise<void> | null = null
  /** The socket's principal and the server's reference version, once its hello is answered. */
  private greeted: { socket: SyncSocket; principal: Principal; version: string } | null = null
  private phase: Phase = 'idle'
  private stopped = true
  private reconnectTimer: NodeJS.Timeout | null = null
  private watchdog: NodeJS.Timeout | null = null
  private chain: Promise<void> = Promise.resolve()
  private liveBuffer: unknown[] = []
  private earlyLive: unknown[] = []
  /**
   * For a town-scoped principal, live batches wait here instead (before and after catch-up ends):
   * runs of batches that follow on from each other, each with the log range it covers. A run that
   * does not follow the previous one starts a new segment; applying it tells whether one was lost.
   */
  private segments: { events: unknown[]; coverage: Coverage }[] = []
  private flushTimer: NodeJS.Timeout | null = null
  private snapshotStarted = false
  private serverId: string | null = null
  private catchFrom = 0
  private headSeq = 0
  private cursor = 0
  private lagHead: number | null = null
  private connects = 0
  private lastContact = 0
  private session = 0
  private unappliedPages = 0
  private pendingTasks = 0
  /** Who the server says this socket speaks for (from hello). */
  private principal: Principal | null = null
  /** Why the link last dropped (diagnostics). */
  lastDownReason: string | null = null

  constructor(private readonly o: SyncEngineOptions) {}

  async start(): Promise<void> {
    if (!this.stopped) return
    this.stopped = false
    const state = await readSyncState(this.o.sqlite)
    this.cursor = state.cursor
    const q = await this.o.sqlite.get('SELECT count(*) AS n FROM quarantine')
    this.o.status.update({
      cursor: state.cursor,
      newestEventAt: state.newestEventAt,
      operator: state.principal,
      quarantined: Number(q?.n ?? 0),
    })
    this.connect()
    const beat = LIMITS.heartbeatSeconds * 1000
    this.watchdog = setInterval(() => this.checkLiveness(), beat)
    this.watchdog.unref?.()
  }

  async stop(): Promise<void> {
    this.stopped = true
    this.connects++
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer)
    if (this.watchdog) clearInterval(this.watchdog)
    if (this.flushTimer) clearTimeout(this.flushTimer)
    this.reconnectTimer = this.watchdog = this.flushTimer = null
    this.o.sender.setTransport(null)
    this.socket?.removeAllListeners()
    this.socket?.disconnect()
    this.socket = null
    this.phase = 'idle'
    await this.chain
    this.o.status.update({ connection: 'offline', catchUp: null })
  }

  /** Resolves once everything received so far has been applied (tests). */
  async settled(): Promise<void> {
    for (;;) {
      const chain = this.chain
      if (this.flushTimer) this.flushNow()
      await chain
      if (chain === this.chain && !this.flushTimer) return
    }
  }

  private connect(): void {
    if (this.stopped) return
    this.phase = 'connecting'
    this.o.status.update({ connection: 'connecting' })
    const attempt = ++this.connects
    this.o.access.credential().then(
      (token) => {
        if (this.stopped || attempt !== this.connects) return
        if (token === null) {
          // Nobody may connect now (signed out): wait until sync is started again.
          this.phase = 'idle'
          this.o.status.update({ connection: 'offline', catchUp: null })
          return
        }
        this.open(token)
      },
      (err: unknown) => {
        if (this.stopped || attempt !== this.connects) return
        this.retry(`no credential: ${err instanceof Error ? err.message : String(err)}`)
      },
    )
  }

  private open(token: string): void {
    const socket: SyncSocket = io(new URL(SYNC_NAMESPACE, this.o.access.url).toString(), {
      auth: { token },
      reconnection: false,
      forceNew: true,
      transports: ['websocket'],
      timeout: 10_000,
      ...(this.o.access.ca ? { ca: this.o.access.ca } : {}),
    })
    this.socket = socket
    socket.on('connect', () => {
      this.touch()
      void this.hello()
    })
    socket.on('connect_error', (err) => {
      // An expired or unknown token: the access gets a fresh one (or finds the session over) next time.
      if (err.message === HANDSHAKE_ERRORS.expired || err.message === HANDSHAKE_ERRORS.unauthorized)
        this.o.access.refused(err.message)
      this.down(socket, err.message)
    })
    socket.on('disconnect', (reason) => this.down(socket, reason))
    socket.on(MSG.replay, (page: ReplayPage, ack: () => void) => this.onReplay(socket, page, ack))
    socket.on(MSG.snapshot, (page: SnapshotPage, ack: () => void) => this.onSnapshot(socket, page, ack))
    socket.on(MSG.events, (batch: LiveBatch) => this.onLive(batch))
    socket.on(MSG.heartbeat, (beat: Heartbeat) => this.onHeartbeat(beat))
    socket.on(MSG.problem, (problem: Problem) => {
      this.touch()
      // The session ended or the principal changed: the server cuts the socket next; reconnect with a fresh token.
      if (problem?.code === 'session_ended' || problem?.code === 'unauthorized') this.o.access.refused(problem.code)
    })
    socket.on(MSG.positions, (batch) => {
      this.touch()
      this.o.positions?.apply(batch)
    })
    socket.on(MSG.ruleSet, (active: unknown) => {
      this.touch()
      void this.o.ruleSets?.accept(active).catch(() => undefined)
    })
  }

  private down(socket: SyncSocket, reason: string): void {
    if (socket !== this.socket) return
    socket.removeAllListeners()
    socket.disconnect()
    this.socket = null
    this.phase = 'idle'
    this.o.sender.setTransport(null)
    this.liveBuffer = []
    this.earlyLive = []
    this.segments = []
    if (this.stopped) return
    this.o.status.update({ connection: 'offline', catchUp: null })
    this.retry(reason)
  }

  /**
   * The link failed: the next attempt goes to the server's next address (the same one when it has
   * only one), after a delay that grows per failed round up to RECONNECT_CAP_MS, jittered so a
   * room (or a city) does not come back in lockstep (server-endpoints.ts).
   */
  private retry(reason: string): void {
    this.phase = 'idle'
    const delay = this.o.access.endpoints.failed()
    this.lastDownReason = reason
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer)
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null
      this.connect()
    }, delay)
    this.reconnectTimer.unref?.()
  }

  /** Starts (or restarts, after a gap) a session from the stored cursor. */
  private async hello(): Promise<void> {
    const socket = this.socket
    if (!socket || this.stopped) return
    const session = ++this.session
    await this.chain // a batch in flight must land before we name our cursor
    const state = await readSyncState(this.o.sqlite)
    this.cursor = state.cursor
    this.phase = 'hello'
    this.snapshotStarted = false
    // Who we are and which server the cursor belongs to are written before any page of this session:
    // a page can arrive in the same packet as the reply and queue its write before this function
    // resumes, so the write takes its place in the queue now and waits for the reply there.
    let answered: (reply: HelloReply | null) => void = () => undefined
    const answer = new Promise<HelloReply | null>((resolve) => (answered = resolve))
    this.enqueue(async () => {
      const accepted = await answer
      if (!accepted) return
      await savePrincipal(this.o.sqlite, accepted.principal)
      if (accepted.mode !== 'reset') {
        await this.o.sqlite.run('UPDATE sync_state SET server_id = ? WHERE id = 1 AND resetting = 0', [
          accepted.serverId,
        ])
      }
    })
    let reply: unknown
    try {
      reply = await socket.timeout(15_000).emitWithAck(MSG.hello, {
        protocol: PROTOCOL_VERSION,
        cursor: state.cursor,
        serverId: state.resetting ? null : state.serverId,
      })
    } catch {
      answered(null)
      if (socket === this.socket) this.down(socket, 'hello timed out')
      return
    }
    // A changed principal fits the cache below instead (the early write must not store it first).
    const changed = isHelloReply(reply) && state.principal !== null && !samePrincipal(state.principal, reply.principal)
    if (socket !== this.socket || session !== this.session || !isHelloReply(reply) || changed) answered(null)
    else answered(reply)
    if (socket !== this.socket || session !== this.session) return
    this.touch()
    if (!isHelloReply(reply)) {
      // A Problem (bad token, protocol mismatch): stay offline and retry with backoff.
      this.down(socket, `hello refused: ${JSON.stringify(reply).slice(0, 200)}`)
      return
    }
    const principal: Principal = reply.principal
    if (changed) {
      // Another principal than the cache was filled for (a role or scope changed while connected):
      // fit the cache to the new reader first, then start over on a fresh connection.
      this.enqueue(async () => {
        await fitCacheToReader(this.o.sqlite, principal)
        this.notify({ incidentIds: [], all: true, conflictsChanged: true, cursor: this.cursor })
      })
      this.o.access.refused('principal changed')
      this.down(socket, 'principal changed')
      return
    }
    // Pages may already be on their way: everything from here on is synchronous, so the session
    // state is set before any page is handled.
    // Backoff resets only once the server has accepted a session, not on a bare connect.
    this.o.access.endpoints.succeeded()
    this.serverId = reply.serverId
    this.headSeq = reply.headSeq
    this.catchFrom = state.cursor
    this.principal = principal
    this.phase = reply.mode
    this.o.status.update({
      operator: principal,
      serverUrl: this.o.access.url,
      headSeq: reply.headSeq,
      connection: reply.mode === 'live' ? 'online' : 'catching_up',
      catchUp: reply.mode === 'live' ? null : { done: 0, total: Math.max(0, reply.headSeq - state.cursor) },
    })
    this.o.sender.setTransport((cmd, author) => this.sendCommand(socket, cmd, author))
    if (reply.referenceVersion !== state.referenceVersion) void this.fetchReference(socket)
    this.greeted = { socket, principal, version: reply.referenceVersion }
    this.fetchComponentsIfWanted()
    if (this.o.positions) void this.fetchPositions(socket)
    if (this.o.ruleSets) void this.fetchRuleSet(socket)
    if (reply.mode === 'live') this.goLive()
  }

  /**
   * The command room's people and who is on shift, asked on the live session; null when not
   * connected, refused (a role that may not ask) or the answer does not look like one.
   */
  async people(timeoutMs = 5_000): Promise<PeopleReply | null> {
    const socket = this.greeted?.socket
    if (!socket) return null
    try {
      const reply: unknown = await socket.timeout(timeoutMs).emitWithAck(MSG.people, {})
      const parsed = peopleReplySchema.safeParse(reply)
      return parsed.success ? parsed.data : null
    } catch {
      return null
    }
  }

  /**
   * One request on the live session that is answered now and never queued (docs/protocol.md §9:
   * rule sets and frozen assessment reports): the server's raw reply (a value or a Problem; the
   * caller validates it), or null when not connected. Throws when the server does not answer in time.
   */
  async ask(message: AssessmentMessage, payload: unknown, timeoutMs = 30_000): Promise<{ reply: unknown } | null> {
    const socket = this.greeted?.socket
    if (!socket || !socket.connected || socket !== this.socket) return null
    const reply: unknown = await socket.timeout(timeoutMs).emitWithAck(MSG[message], payload as never)
    return { reply }
  }

  /** Every unit's latest position and trail, once per session (batches keep it current after). */
  private async fetchPositions(socket: SyncSocket): Promise<void> {
    try {
      const snapshot: unknown = await socket.timeout(30_000).emitWithAck(MSG.positionsGet, {})
      if (socket === this.socket) this.o.positions?.replace(snapshot)
    } catch {
      // The next hello asks again; batches meanwhile still arrive.
    }
  }

  /**
   * The map needs the components: fetched now if the cache's differ from the server's, and after
   * each hello while they do. Only when asked, and one fetch at a time: a desk that never opens
   * the map never spends a reconnect on them.
   */
  wantComponents(): void {
    this.componentsWanted = true
    this.fetchComponentsIfWanted()
  }

  private fetchComponentsIfWanted(): void {
    const g = this.greeted
    const cache = this.o.components
    if (!this.componentsWanted || !cache || !g || g.socket !== this.socket || this.componentsFetch) return
    if (cache.version === g.version) return
    this.componentsFetch = this.fetchComponents(g.socket, g.principal, g.version).finally(() => {
      this.componentsFetch = null
    })
  }

  /** The components of the principal's towns (all of them city-wide), in pages, stored as one document. */
  private async fetchComponents(socket: SyncSocket, principal: Principal, version: string): Promise<void> {
    const cache = this.o.components
    if (!cache) return
    try {
      const towns = principal.towns === '*' ? [undefined] : principal.towns
      const all = []
      for (const townId of towns) {
        for (let offset = 0; ;) {
          const page: unknown = await socket
            .timeout(30_000)
            .emitWithAck(MSG.components, { ...(townId ? { townId } : {}), offset, limit: 5000 })
          const p = page as { components?: unknown; total?: unknown; referenceVersion?: unknown } | null
          if (p?.referenceVersion !== version) return // the district changed meanwhile: the next hello fetches again
          const rows = validComponents(p.components)
          all.push(...rows)
          offset += Array.isArray(p.components) ? p.components.length : 0
          if (rows.length === 0 || typeof p.total !== 'number' || offset >= p.total) break
        }
      }
      if (socket !== this.socket) return
      await cache.save(version, all)
      // The map's component layer (and anything else keyed by reference data) reloads.
      this.o.hub.emit('changes', { incidentIds: [], all: true, conflictsChanged: false, cursor: this.cursor })
    } catch {
      // Retried at the next hello (the cached version still differs).
    }
  }

  /** The active rule set, once per session (a change meanwhile is pushed as `ruleSet`). */
  private async fetchRuleSet(socket: SyncSocket): Promise<void> {
    try {
      const active: unknown = await socket.timeout(30_000).emitWithAck(MSG.ruleSetGet, {})
      if (socket === this.socket) await this.o.ruleSets?.accept(active)
    } catch {
      // The cached one (or the default) stays in use; the next hello asks again.
    }
  }

  private async fetchReference(socket: SyncSocket): Promise<void> {
    try {
      const data: unknown = await socket.timeout(30_000).emitWithAck(MSG.reference, {})
      if (!isReferenceData(data)) return
      await this.o.reference.save(data)
      this.o.hub.emit('changes', { incidentIds: [], all: true, conflictsChanged: false, cursor: this.cursor })
    } catch {
      // Retried at the next hello (the stored version still differs).
    }
  }

  /**
   * Sends one queued command. Work queued by someone else than this socket's principal (the
   * previous shift, an offline unlock) carries their seat grant, so the server records them as
   * its author; without a grant it cannot be delivered under their name and becomes a conflict.
   */
  private sendCommand(socket: SyncSocket, command: Command, author: Principal | null): Promise<CommandReply> {
    if (!socket.connected || socket !== this.socket) return Promise.reject(new Error('offline'))
    let message: CommandMessage = command
    if (author && this.principal && author.actorId !== this.principal.actorId) {
      const seatGrant = this.o.access.grantFor(author.actorId)
      if (!seatGrant)
        return Promise.resolve({
          status: 'rejected',
          code: 'author_refused',
          message: `no seat grant here for ${author.name} (${author.actorId}): sign in as them to send it, or redo it`,
          currentVersion: null,
        })
      message = { ...command, seatGrant }
    }
    return socket.timeout(this.o.commandTimeoutMs ?? 15_000).emitWithAck(MSG.command, message)
  }

  private onReplay(socket: SyncSocket, page: ReplayPage, ack: () => void): void {
    this.touch()
    const events: readonly unknown[] = Array.isArray(page?.events) ? page.events : []
    // Flow control with a window of REPLAY_WINDOW pages: a page is acked on arrival while fewer than
    // that many wait to be applied (so the server reads the next page while this one is written),
    // otherwise only after it is applied. The ack never stood for durability: the cursor in the store
    // does, and a restart says hello from it.
    const early = this.unappliedPages < REPLAY_WINDOW
    this.unappliedPages++
    if (early) ack()
    this.enqueue(async () => {
      let r: ApplyResult
      try {
        const through = seqOf(page?.throughSeq)
        r = await applyEvents(
          this.o.sqlite,
          events,
          'replay',
          through === null ? undefined : { fromSeq: null, throughSeq: through },
        )
      } finally {
        this.unappliedPages--
      }
      this.applied(r, 'replay')
      if (typeof page?.headSeq === 'number') this.headSeq = Math.max(this.headSeq, page.headSeq)
      if (socket !== this.socket) return
      if (!early) ack()
      if (r.gapAt !== null) return this.rehello()
      if (page?.done) this.goLive()
      else this.progress()
    })
  }

  private onSnapshot(socket: SyncSocket, page: SnapshotPage, ack: () => void): void {
    this.touch()
    this.enqueue(async () => {
      if (socket !== this.socket || !this.serverId) return
      const first = !this.snapshotStarted
      this.snapshotStarted = true
      const r = await applySnapshotPage(this.o.sqlite, page, { first, serverId: this.serverId })
      if (r.quarantined > 0) this.o.status.update({ quarantined: this.o.status.get().quarantined + r.quarantined })
      ack()
      if (page.done) {
        this.cursor = r.cursor
        this.headSeq = Math.max(this.headSeq, page.seq)
        this.notify({ incidentIds: [], all: true, conflictsChanged: false, cursor: r.cursor })
        const state = await readSyncState(this.o.sqlite)
        this.o.status.update({ cursor: r.cursor, newestEventAt: state.newestEventAt })
        this.goLive()
      } else {
        this.o.status.update({ connection: 'catching_up', catchUp: { done: page.sent, total: page.total } })
      }
    })
  }

  private onLive(batch: LiveBatch): void {
    this.touch()
    const events: readonly unknown[] = Array.isArray(batch?.events) ? batch.events : []
    const fromSeq = seqOf(batch?.fromSeq)
    const throughSeq = seqOf(batch?.throughSeq)
    if (fromSeq !== null && throughSeq !== null && fromSeq <= throughSeq) {
      const last = this.segments[this.segments.length - 1]
      if (last && fromSeq <= last.coverage.throughSeq + 1) {
        for (const e of events) last.events.push(e)
        last.coverage = { fromSeq: last.coverage.fromSeq, throughSeq: Math.max(throughSeq, last.coverage.throughSeq) }
      } else this.segments.push({ events: [...events], coverage: { fromSeq, throughSeq } })
      if (this.phase === 'live') this.scheduleFlush()
      return
    }
    if (this.phase !== 'live') {
      // Before catch-up ends, hold them: they are applied after the last page (older ones drop out by seq).
      for (const e of events) this.earlyLive.push(e)
      return
    }
    for (const e of events) this.liveBuffer.push(e)
    this.scheduleFlush()
  }

  private scheduleFlush(): void {
    const buffered = this.liveBuffer.length + this.segments.reduce((n, s) => n + s.events.length, 0)
    if (buffered >= LIMITS.replayPage * 5) this.flushNow()
    else if (!this.flushTimer) {
      // Coalescing: when nothing is being applied, go at once (low latency at low rates); while a batch
      // is being written, what arrives meanwhile waits for it (or at most coalesceMs) and goes as one.
      this.flushTimer = setTimeout(() => this.flushNow(), this.pendingTasks === 0 ? 0 : (this.o.coalesceMs ?? 50))
    }
  }

  private flushNow(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer)
    this.flushTimer = null
    const events = this.liveBuffer
    const segments = this.segments
    this.liveBuffer = []
    this.segments = []
    if (events.length > 0) {
      this.enqueue(async () => {
        const r = await applyEvents(this.o.sqlite, events, 'live')
        this.applied(r, 'live')
        if (r.gapAt !== null) this.rehello()
      })
    }
    for (const segment of segments) {
      this.enqueue(async () => {
        if (this.phase !== 'live') return // a segment before this one found a gap: the new hello covers it
        const r = await applyEvents(this.o.sqlite, segment.events, 'live', segment.coverage)
        this.applied(r, 'live')
        if (r.gapAt !== null) this.rehello()
      })
    }
  }

  private goLive(): void {
    this.phase = 'live'
    this.lagHead = null
    this.o.status.update({ connection: 'online', catchUp: null, headSeq: Math.max(this.headSeq, this.cursor) })
    if (this.earlyLive.length > 0 || this.segments.length > 0) {
      this.liveBuffer = this.earlyLive.concat(this.liveBuffer)
      this.earlyLive = []
      this.flushNow()
    }
  }

  private onHeartbeat(beat: Heartbeat): void {
    this.touch()
    if (typeof beat?.headSeq !== 'number') return
    this.headSeq = Math.max(this.headSeq, beat.headSeq)
    this.o.status.update({ headSeq: this.headSeq })
    if (this.phase !== 'live') return
    // Live events lost in transit show up as a head we never reach: two beats behind the same head, with
    // nothing received left to write, → re-hello. (A big batch still being written is not lost.)
    if (
      this.lagHead !== null &&
      this.cursor < this.lagHead &&
      this.liveBuffer.length === 0 &&
      this.segments.length === 0 &&
      this.pendingTasks === 0
    ) {
      this.lagHead = null
      this.rehello()
      return
    }
    this.lagHead = beat.headSeq > this.cursor ? beat.headSeq : null
  }

  private rehello(): void {
    this.liveBuffer = []
    this.earlyLive = []
    this.segments = []
    if (this.flushTimer) clearTimeout(this.flushTimer)
    this.flushTimer = null
    this.phase = 'hello'
    void this.hello()
  }

  private applied(r: ApplyResult, source: 'replay' | 'live'): void {
    this.cursor = r.cursor
    const patch: Parameters<StatusBoard['update']>[0] = {
      cursor: r.cursor,
      newestEventAt: r.newestEventAt,
      headSeq: Math.max(this.headSeq, r.cursor),
    }
    if (r.quarantined > 0) Object.assign(patch, { quarantined: this.o.status.get().quarantined + r.quarantined })
    this.o.status.update(patch)
    if (r.incidentIds.length > 0 || r.quarantined > 0) {
      this.notify({ incidentIds: r.incidentIds, all: false, conflictsChanged: false, cursor: r.cursor })
    }
    this.o.onApplied?.(r, source)
  }

  private progress(): void {
    const total = Math.max(0, this.headSeq - this.catchFrom)
    this.o.status.update({
      connection: 'catching_up',
      catchUp: { done: Math.min(total, this.cursor - this.catchFrom), total },
    })
  }

  private notify(notice: ChangeNotice): void {
    this.o.hub.emit('changes', notice)
  }

  private enqueue(task: () => Promise<void>): void {
    this.pendingTasks++
    this.chain = this.chain
      .then(task)
      .catch(() => {
        // Applying failed (disk full, store closing): nothing was committed, so drop the link and start over.
        if (this.socket) this.down(this.socket, 'apply failed')
      })
      .finally(() => {
        this.pendingTasks--
        // Live events that queued up behind this batch go now, as one batch.
        if (
          this.pendingTasks === 0 &&
          (this.liveBuffer.length > 0 || this.segments.length > 0) &&
          this.phase === 'live'
        )
          this.flushNow()
      })
  }

  private touch(): void {
    this.lastContact = Date.now()
    this.o.status.update({ lastContactAt: this.lastContact })
  }

  /** A server that stopped talking is not "online": three missed heartbeats drop the link. */
  private checkLiveness(): void {
    if (!this.socket || this.phase === 'connecting' || this.phase === 'idle') return
    if (Date.now() - this.lastContact > LIMITS.heartbeatSeconds * 3000) this.down(this.socket, 'server silent')
  }
}
