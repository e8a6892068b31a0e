import type { Namespace, Server, Socket } from 'socket.io'
import { commandSchema, type Command, type IncidentEvent, type Principal } from '@shared/domain'
import {
  componentQuerySchema,
  handshakeAuthSchema,
  helloSchema,
  layoutSaveSchema,
  LIMITS,
  MSG,
  SYNC_NAMESPACE,
  type ClientToServer,
  type CommandReply,
  type HelloReply,
  type Problem,
  type ServerToClient,
} from '@shared/protocol'
import type { CommandProcessor } from '../commands/command-processor'
import type { EventLog } from '../log/event-log'
import type { GeneratedReference } from '../reference/generate'
import type { TokenRegistry } from '../auth/tokens'
import { readScope, type ReadScope } from './read-scope'

interface SocketData {
  principal: Principal
  workstationId: string | null
}

type SyncSocket = Socket<ClientToServer, ServerToClient, Record<string, never>, SocketData>
type SyncNamespace = Namespace<ClientToServer, ServerToClient, Record<string, never>, SocketData>

export interface SyncHubDeps {
  readonly processor: CommandProcessor
  readonly log: EventLog
  readonly tokens: TokenRegistry
  readonly serverId: string
  readonly reference: GeneratedReference
  /** Oldest seq still kept in the log. */
  readonly oldestSeq: () => number
  readonly heartbeatMs?: number
  /** How long the server waits for a page's ack before dropping the client. */
  readonly ackTimeoutMs?: number
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
    const principal = auth.success ? deps.tokens.lookup(auth.data.token) : null
    if (!auth.success || !principal) {
      next(new Error('unauthorized'))
      return
    }
    socket.data.principal = principal
    socket.data.workstationId = auth.data.workstationId ?? null
    next()
  })

  // Town-scoped sockets are not in LIVE_ROOM: each gets its own towns' events of every commit, with
  // the seqs the batch covers, so its cursor keeps up with the log and it can tell a lost batch.
  const scopedLive = new Map<SyncSocket, ReadScope>()
  const unsubscribe = deps.processor.onCommit((events) => {
    nsp.to(LIVE_ROOM).emit(MSG.events, { events })
    const first = events[0]
    const last = events[events.length - 1]
    if (!first || !last) return
    for (const [socket, scope] of scopedLive)
      socket.emit(MSG.events, { events: events.filter(scope.event), fromSeq: first.seq, throughSeq: last.seq })
  })

  const beat = setInterval(
    () => {
      nsp.emit(MSG.heartbeat, { headSeq: deps.processor.head.seq, serverTime: Date.now() })
    },
    deps.heartbeatMs ?? LIMITS.heartbeatSeconds * 1000,
  )
  beat.unref()

  nsp.on('connection', (socket: SyncSocket) => {
    let generation = 0
    let inFlight = 0
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
    socket.on('disconnect', () => scopedLive.delete(socket))

    const catchUp = async (gen: number, reset: boolean, from: number): Promise<void> => {
      let cursor = from
      if (reset) {
        // The projection in memory is consistent with the committed head at this instant.
        const seq = deps.processor.head.seq
        const all = scope ? [...deps.processor.all()].filter(scope.incident) : [...deps.processor.all()]
        const size = LIMITS.snapshotPage
        for (let i = 0; i === 0 || i < all.length; i += size) {
          const incidents = all.slice(i, i + size)
          const done = i + size >= all.length
          await socket
            .timeout(ackTimeout)
            .emitWithAck(MSG.snapshot, { incidents, seq, sent: i + incidents.length, total: all.length, done })
          if (gen !== generation) return
        }
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
      const mode: HelloReply['mode'] =
        foreign || cursor > head || cursor < oldest - 1 ? 'reset' : cursor === head ? 'live' : 'replay'
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
      catchUp(gen, mode === 'reset', cursor).catch((err: unknown) => {
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
      void deps.processor
        .submit({ command: parsed.data as unknown as Command, principal, workstationId: socket.data.workstationId })
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
      unsubscribe()
    },
  }
}
