import type { Namespace, Server, Socket } from 'socket.io'
import {
  commandSchema,
  WORKLOAD_WINDOW_MS,
  type Command,
  type Incident,
  type IncidentEvent,
  type Principal,
} from '@shared/domain'
import {
  componentQuerySchema,
  handshakeAuthSchema,
  HANDSHAKE_ERRORS,
  seatGrantFieldSchema,
  helloSchema,
  layoutSaveSchema,
  LIMITS,
  positionReportSchema,
  MSG,
  SYNC_NAMESPACE,
  type ClientToServer,
  type CommandReply,
  type HelloReply,
  type Problem,
  type ServerToClient,
} from '@shared/protocol'
import type { CommandProcessor } from '../commands/command-processor'
import type { ServerLog } from '../store/server-log'
import type { GeneratedReference } from '../reference/generate'
import type { SocketAuthenticator } from '../auth/socket-identity'
import type { SessionWatch } from '../auth/session-watch'
import { RateLimiter } from '../http/rate-limit'
import type { PositionBoard } from '../positions/position-board'
import { peopleFor, PEOPLE_ROLES } from './people'
import { readScope, type ReadScope } from './read-scope'
import { attachAssessmentMessages, type AssessmentSocketDeps } from './assessment-socket'

interface SocketData {
  principal: Principal
  /** From the session's workstation credential (null for a service token), never from the client's say-so. */
  workstationId: string | null
  /** The sign-in session the access token belongs to (null for a service token). */
  sessionId: string | null
}

type SyncSocket = Socket<ClientToServer, ServerToClient, Record<string, never>, SocketData>
type SyncNamespace = Namespace<ClientToServer, ServerToClient, Record<string, never>, SocketData>

export interface SyncHubDeps {
  readonly processor: CommandProcessor
  readonly log: ServerLog
  /** Access token (or service token) → who; see src/server/auth/socket-identity.ts. */
  readonly authenticate: SocketAuthenticator
  /** The author a command's seat grant names, checked for this socket's workstation; null refuses it. */
  readonly authorOf: (grant: string, socket: SocketData) => Promise<Principal | null>
  /** Cuts sockets whose session ends. */
  readonly watch?: SessionWatch
  readonly serverId: string
  readonly reference: GeneratedReference
  /** Oldest seq still kept in the log. */
  readonly oldestSeq: () => number
  readonly heartbeatMs?: number
  /** How long the server waits for a page's ack before dropping the client. */
  readonly ackTimeoutMs?: number
  /** Where joint teams and grid workers are (relayed in `positions` batches). */
  readonly positions: PositionBoard
  readonly positionBatchMs?: number
  /** The enabled accounts (for `people`); none when not given. */
  readonly accounts?: () => Promise<readonly Principal[]>
  /** Rule sets and frozen reports (docs/protocol.md §9). */
  readonly assessment?: Omit<AssessmentSocketDeps, 'announce'>
}

const LIVE_ROOM = 'live'
const KNOWN: ReadonlySet<string> = new Set(Object.values(MSG))

function problem(code: Problem['code'], message: string): Problem {
  return { code, message }
}

function issues(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
    .join('; ')
}

/** The optional seat grant of a command message: none (null), a grant, or a malformed one ('' — refused). */
function seatGrantOf(raw: unknown): string | null {
  const parsed = seatGrantFieldSchema.safeParse(raw)
  return parsed.success ? (parsed.data.seatGrant ?? null) : ''
}

function jsonSize(value: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8')
  } catch {
    return Number.POSITIVE_INFINITY
  }
}

/**
 * The sync protocol's server side (docs/protocol.md): token auth at the
 * handshake; hello → replay pages (each waits for the client's ack) or a reset
 * with snapshot pages → the live stream; commands; reference data; layouts;
 * heartbeats. Every payload is validated; a bad one gets an error for that
 * client only.
 */
export function attachSyncHub(io: Server, deps: SyncHubDeps): { close(): void; namespace: SyncNamespace } {
  const nsp = io.of(SYNC_NAMESPACE) as SyncNamespace
  const ackTimeout = deps.ackTimeoutMs ?? 60_000

  nsp.use((socket, next) => {
    const auth = handshakeAuthSchema.safeParse(socket.handshake.auth)
    if (!auth.success) return next(new Error(HANDSHAKE_ERRORS.unauthorized))
    deps.authenticate(auth.data.token).then(
      (who) => {
        if (!who.ok) return next(new Error(who.error))
        socket.data.principal = who.principal
        socket.data.workstationId = who.workstationId
        socket.data.sessionId = who.sessionId
        next()
      },
      () => next(new Error(HANDSHAKE_ERRORS.unauthorized)),
    )
  })

  // Town-scoped sockets are not in LIVE_ROOM: each gets its own towns' events of every commit, with
  // the seqs the batch covers, so its cursor keeps up with the log and it can tell a lost batch.
  const scopedLive = new Map<SyncSocket, ReadScope>()
  const unsubscribe = deps.processor.onCommit((events) => {
    nsp.to(LIVE_ROOM).emit(MSG.events, { events })
    const first = events[0]
    const last = events[events.length - 1]
    if (!first || !last) return
    for (const [socket, scope] of scopedLive) {
      // A case new to this reader: withheld, so the reader sees a gap and catches up from a snapshot.
      if (scope.entersScope && events.some(scope.entersScope)) continue
      socket.emit(MSG.events, { events: events.filter(scope.event), fromSeq: first.seq, throughSeq: last.seq })
    }
  })

  const beat = setInterval(
    () => {
      nsp.emit(MSG.heartbeat, { headSeq: deps.processor.head.seq, serverTime: Date.now() })
    },
    deps.heartbeatMs ?? LIMITS.heartbeatSeconds * 1000,
  )
  beat.unref()

  // Hellos per connection: a client says hello on connecting and after a gap, not 100 times a second.
  const hellos = new RateLimiter()
  // Positions go out in batches, to every live socket; a town-scoped one gets its towns' units only.
  const teamTown = new Map(deps.reference.data.teams.map((t) => [t.id, t.townId]))
  const workerTown = new Map(deps.reference.data.workers.map((w) => [w.id, w.townId]))
  const relay = setInterval(() => {
    const reports = deps.positions.flush()
    if (reports.length === 0) return
    nsp.to(LIVE_ROOM).emit(MSG.positions, { reports })
    for (const socket of scopedLive.keys()) {
      const towns = socket.data.principal.towns
      const mine = reports.filter((r) => towns === '*' || towns.includes(r.townId))
      if (mine.length > 0) socket.emit(MSG.positions, { reports: mine })
    }
  }, deps.positionBatchMs ?? LIMITS.positionBatchMs)
  relay.unref()

  nsp.on('connection', (socket: SyncSocket) => {
    let generation = 0
    let inFlight = 0
    // One catch-up per socket, and at most one page of it unacknowledged: a new hello stops the running
    // catch-up, and the new one builds its first page only once the old one has stopped, i.e. once the
    // page the old one has in flight was acknowledged (or timed out). However many hellos a client
    // sends, the server holds one page in flight, one read ahead and one snapshot index for it.
    let running: Promise<void> = Promise.resolve()
    const principal = socket.data.principal
    const scope = readScope(principal, (id) => deps.processor.get(id))
    const joinLive = () => {
      if (scope) scopedLive.set(socket, scope)
      else void socket.join(LIVE_ROOM)
    }
    const leaveLive = () => {
      scopedLive.delete(socket)
      void socket.leave(LIVE_ROOM)
    }
    deps.watch?.track(socket)
    if (deps.assessment)
      attachAssessmentMessages(socket, principal, {
        ...deps.assessment,
        announce: (active) => nsp.emit(MSG.ruleSet, active),
      })
    socket.on('disconnect', () => {
      scopedLive.delete(socket)
      deps.watch?.untrack(socket)
    })
    // Commands reach the processor in the order sent, also when one waits for its seat grant check.
    let order: Promise<unknown> = Promise.resolve()

    const catchUp = async (gen: number, reset: boolean, from: number): Promise<void> => {
      let cursor = from
      if (reset) {
        // The projection in memory is consistent with the committed head at this instant; its incidents
        // are immutable, so holding references (not copies) to them keeps this snapshot consistent.
        const seq = deps.processor.head.seq
        const all = [...deps.processor.all()]
        const total = scope ? all.reduce((n, i) => n + (scope.incident(i) ? 1 : 0), 0) : all.length
        let at = 0
        let sent = 0
        do {
          // Each page is built only when the previous one was acknowledged.
          const incidents: Incident[] = []
          while (at < all.length && incidents.length < LIMITS.snapshotPage) {
            const i = all[at++] as Incident
            if (!scope || scope.incident(i)) incidents.push(i)
          }
          sent += incidents.length
          const done = at >= all.length
          await socket.timeout(ackTimeout).emitWithAck(MSG.snapshot, { incidents, seq, sent, total, done })
          if (gen !== generation) return
        } while (at < all.length)
        cursor = seq
      }
      // Never past the committed head, so the live stream cannot repeat what a page carried.
      const read = (after: number) => deps.log.readAfter(after, LIMITS.replayPage, deps.processor.head.seq)
      let next: Promise<IncidentEvent[]> | null = null
      for (;;) {
        if (cursor >= deps.processor.head.seq) {
          joinLive()
          return
        }
        const events = await (next ?? read(cursor))
        next = null
        if (gen !== generation) return
        const last = events[events.length - 1]
        if (!last) {
          joinLive()
          return
        }
        // A case entered a unit's scope since the snapshot: its earlier events were never sent, so
        // another snapshot follows instead (the reader applies it like the first, on top).
        if (scope?.entersScope && events.some(scope.entersScope)) return catchUp(gen, true, cursor)
        cursor = last.seq
        const done = cursor >= deps.processor.head.seq
        if (done) joinLive()
        const acked = socket
          .timeout(ackTimeout)
          .emitWithAck(
            MSG.replay,
            scope
              ? { events: events.filter(scope.event), headSeq: deps.processor.head.seq, done, throughSeq: cursor }
              : { events, headSeq: deps.processor.head.seq, done },
          )
        if (!done) {
          // The next page is read while this one travels and the client writes it.
          next = read(cursor)
          next.catch(() => undefined) // a failed read is reported where it is awaited
        }
        await acked
        if (done || gen !== generation) return
      }
    }

    socket.on(MSG.hello, (raw, ack) => {
      if (typeof ack !== 'function') {
        socket.emit(MSG.problem, problem('protocol_error', 'hello needs an acknowledgement callback'))
        return
      }
      const wait = hellos.take(socket.id, { perMinute: LIMITS.hellosPerMinute, burst: LIMITS.helloBurst })
      if (wait !== null) {
        ack(
          problem(
            'rate_limited',
            `at most ${LIMITS.helloBurst} hellos at once and ${LIMITS.hellosPerMinute} a minute per connection; say hello again in ${wait} s`,
          ),
        )
        return
      }
      const parsed = helloSchema.safeParse(raw)
      if (!parsed.success) {
        ack(problem('invalid_payload', issues(parsed.error)))
        return
      }
      const gen = ++generation
      leaveLive()
      const { cursor, serverId } = parsed.data
      const head = deps.processor.head.seq
      const oldest = deps.oldestSeq()
      const foreign = serverId === null ? cursor > 0 : serverId !== deps.serverId
      // A unit-scoped reader cannot replay: a case dispatched to it since its cursor has earlier events.
      const unreplayable = scope !== null && !scope.replayable
      const mode: HelloReply['mode'] =
        foreign || cursor > head || cursor < oldest - 1 || (unreplayable && cursor < head)
          ? 'reset'
          : cursor === head
            ? 'live'
            : 'replay'
      ack({
        serverId: deps.serverId,
        principal,
        serverTime: Date.now(),
        headSeq: head,
        oldestSeq: oldest,
        mode,
        referenceVersion: deps.reference.data.version,
      })
      if (mode === 'live') {
        joinLive()
        return
      }
      running = running
        .then(() => (gen === generation && socket.connected ? catchUp(gen, mode === 'reset', cursor) : undefined))
        .catch((err: unknown) => {
          // An unacknowledged page (timeout) or a vanished socket: the client will hello again.
          if (socket.connected) {
            socket.emit(MSG.problem, problem('protocol_error', `catch-up aborted: ${String(err)}`))
            socket.disconnect(true)
          }
        })
    })

    socket.on(MSG.command, (raw, ack) => {
      if (typeof ack !== 'function') {
        socket.emit(MSG.problem, problem('protocol_error', 'command needs an acknowledgement callback'))
        return
      }
      const reject = (code: Extract<CommandReply, { status: 'rejected' }>['code'], message: string): void =>
        ack({ status: 'rejected', code, message, currentVersion: null })
      if (jsonSize(raw) > LIMITS.commandBytes)
        return reject('payload_too_large', `commands are limited to ${LIMITS.commandBytes} bytes`)
      const parsed = commandSchema.safeParse(raw)
      if (!parsed.success) return reject('invalid_payload', issues(parsed.error))
      if (inFlight >= LIMITS.commandsInFlight)
        return reject('rate_limited', `at most ${LIMITS.commandsInFlight} commands in flight`)
      inFlight++
      const grant = seatGrantOf(raw)
      const queued = order.then(async () => {
        const author =
          grant === null ? principal : grant === '' ? null : await deps.authorOf(grant, socket.data).catch(() => null)
        if (!author) {
          const refused: CommandReply = {
            status: 'rejected',
            code: 'author_refused',
            message: 'the seat grant does not name an author this workstation may act for',
            currentVersion: null,
          }
          return refused
        }
        // Wrapped so the chain moves on once the command is queued, not once it is committed.
        return {
          reply: deps.processor.submit({
            command: parsed.data as unknown as Command,
            principal: author,
            workstationId: socket.data.workstationId,
          }),
        }
      })
      order = queued.catch(() => undefined)
      void queued
        .then((q) => ('reply' in q ? q.reply : q))
        .then((reply) => {
          inFlight--
          ack(reply)
        })
    })

    socket.on(MSG.reference, (_args, ack) => {
      if (typeof ack !== 'function')
        return void socket.emit(MSG.problem, problem('protocol_error', 'reference needs an acknowledgement callback'))
      ack(deps.reference.data)
    })

    socket.on(MSG.components, (raw, ack) => {
      if (typeof ack !== 'function')
        return void socket.emit(MSG.problem, problem('protocol_error', 'components needs an acknowledgement callback'))
      const parsed = componentQuerySchema.safeParse(raw ?? {})
      if (!parsed.success) return ack(problem('invalid_payload', issues(parsed.error)))
      const q = parsed.data
      const matching = deps.reference.components.filter(
        (c) => (!q.townId || c.townId === q.townId) && (!q.kind || c.kind === q.kind),
      )
      ack({
        components: matching.slice(q.offset, q.offset + q.limit),
        offset: q.offset,
        total: matching.length,
        referenceVersion: deps.reference.data.version,
      })
    })

    socket.on(MSG.layoutGet, (_args, ack) => {
      if (typeof ack !== 'function')
        return void socket.emit(MSG.problem, problem('protocol_error', 'layoutGet needs an acknowledgement callback'))
      deps.log.getLayout(principal.actorId).then(
        (found) =>
          ack({ actorId: principal.actorId, layout: found?.layout ?? null, updatedAt: found?.updatedAt ?? null }),
        (err: unknown) => ack(problem('protocol_error', String(err))),
      )
    })

    socket.on(MSG.layoutSave, (raw, ack) => {
      if (typeof ack !== 'function')
        return void socket.emit(MSG.problem, problem('protocol_error', 'layoutSave needs an acknowledgement callback'))
      if (principal.role === 'wall') return ack(problem('read_only', 'wall displays cannot save layouts'))
      const parsed = layoutSaveSchema.safeParse(raw)
      if (!parsed.success) return ack(problem('invalid_payload', issues(parsed.error)))
      const text = JSON.stringify(parsed.data.layout)
      if (Buffer.byteLength(text, 'utf8') > LIMITS.layoutBytes)
        return ack(problem('payload_too_large', `layouts are limited to ${LIMITS.layoutBytes} bytes`))
      const at = Date.now()
      deps.log.saveLayout(principal.actorId, text, at).then(
        () => ack({ actorId: principal.actorId, layout: parsed.data.layout, updatedAt: at }),
        (err: unknown) => ack(problem('protocol_error', String(err))),
      )
    })

    socket.on(MSG.people, (_args, ack) => {
      if (typeof ack !== 'function')
        return void socket.emit(MSG.problem, problem('protocol_error', 'people needs an acknowledgement callback'))
      if (!PEOPLE_ROLES.includes(principal.role))
        return ack(problem('forbidden_role', `${principal.role} may not list the command room's people`))
      const connected = [...nsp.sockets.values()].map((s) => s.data.principal).filter((p) => p !== undefined)
      Promise.all([
        deps.accounts ? deps.accounts() : Promise.resolve([]),
        deps.log.activitySince(Date.now() - WORKLOAD_WINDOW_MS),
      ]).then(
        ([accounts, activity]) => ack({ people: peopleFor(principal, accounts, connected, activity) }),
        (err: unknown) => ack(problem('protocol_error', String(err))),
      )
    })

    socket.on(MSG.positionsGet, (_args, ack) => {
      if (typeof ack !== 'function')
        return void socket.emit(
          MSG.problem,
          problem('protocol_error', 'positionsGet needs an acknowledgement callback'),
        )
      const towns = principal.towns
      ack(deps.positions.snapshot((town) => towns === '*' || towns.includes(town)))
    })

    socket.on(MSG.positionReport, (raw, ack) => {
      if (typeof ack !== 'function')
        return void socket.emit(
          MSG.problem,
          problem('protocol_error', 'positionReport needs an acknowledgement callback'),
        )
      const parsed = positionReportSchema.safeParse(raw)
      if (!parsed.success) return ack(problem('invalid_payload', issues(parsed.error)))
      const r = parsed.data
      // A field device reports for itself: a grid worker as its own actor, a joint team as its unit.
      const own =
        principal.role === 'field' &&
        (r.unitKind === 'worker'
          ? principal.actorId === r.unitId
          : principal.unit?.kind === 'team' && principal.unit.id === r.unitId)
      const townId = (r.unitKind === 'worker' ? workerTown : teamTown).get(r.unitId)
      if (!own || !townId || (principal.towns !== '*' && !principal.towns.includes(townId)))
        return ack(problem('unauthorized', 'a field device reports only its own position'))
      deps.positions.report({ ...r, townId, at: Date.now() })
      ack({ accepted: true })
    })

    socket.onAny((event: unknown) => {
      if (typeof event !== 'string' || !KNOWN.has(event)) {
        socket.emit(MSG.problem, problem('protocol_error', `unknown message ${String(event).slice(0, 64)}`))
      }
    })
  })

  return {
    namespace: nsp,
    close: () => {
      clearInterval(beat)
      clearInterval(relay)
      unsubscribe()
    },
  }
}
