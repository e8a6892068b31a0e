import { fork, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { io, type Socket } from 'socket.io-client'
import { MSG, PROTOCOL_VERSION, SYNC_NAMESPACE } from '@shared/protocol'

const ROOT = path.resolve(import.meta.dirname, '../../..')

type Message = { type: 'ready'; url: string; head: number } | { type: 'memory'; bytes: number }

/** The central server in a child process whose memory can be asked for (fixtures/storm-server.ts). */
export class StormServer {
  url = ''
  private constructor(private readonly child: ChildProcess) {}

  static async start(dataDir: string, reports: number): Promise<StormServer> {
    const child = fork(path.join(import.meta.dirname, 'fixtures/storm-server.ts'), [dataDir, String(reports)], {
      cwd: ROOT,
      execArgv: ['--expose-gc', '--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    const s = new StormServer(child)
    s.url = (await s.next('ready')).url
    return s
  }

  /** Heap plus external memory (socket buffers live there) after a full collection, bytes. */
  async memory(): Promise<number> {
    const reply = this.next('memory')
    this.child.send({ op: 'memory' })
    return (await reply).bytes
  }

  async close(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve))
    this.child.send({ op: 'close' })
    await exited
  }

  private next<T extends Message['type']>(type: T): Promise<Extract<Message, { type: T }>> {
    return new Promise((resolve, reject) => {
      const onMessage = (m: Message) => {
        if (m.type !== type) return
        this.child.off('message', onMessage)
        this.child.off('exit', onExit)
        resolve(m as Extract<Message, { type: T }>)
      }
      const onExit = (code: number | null) => reject(new Error(`storm server exited with ${code}`))
      this.child.on('message', onMessage)
      this.child.once('exit', onExit)
    })
  }
}

/**
 * A hostile read-only client: connects with `token`, stops reading what the
 * server sends (so whatever the server sends piles up on the server's side),
 * then says hello with a foreign server id — each asking for a whole snapshot —
 * `perSecond` times a second, `perSecond × seconds` hellos in all (paced, and
 * all of them sent however slowly the machine runs). Returns how many it sent,
 * still connected (what the server holds for it is measured before `close`).
 */
export async function helloStorm(
  url: string,
  token: string,
  perSecond: number,
  seconds: number,
): Promise<{ sent: number; close: () => void }> {
  const socket: Socket = io(`${url}${SYNC_NAMESPACE}`, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  })
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve())
    socket.once('connect_error', reject)
  })
  // engine.io-client's websocket transport keeps its `ws` WebSocket, whose net.Socket we stop reading.
  const transport = socket.io.engine.transport as unknown as { ws?: { _socket?: { pause(): void } } }
  const raw = transport.ws?._socket
  if (!raw) throw new Error('no websocket underneath the socket.io client')
  raw.pause()
  const total = perSecond * seconds
  const start = Date.now()
  let sent = 0
  while (sent < total) {
    socket.emit(MSG.hello, { protocol: PROTOCOL_VERSION, cursor: 5, serverId: 'someone-else' }, () => undefined)
    sent++
    const due = start + (sent * 1000) / perSecond
    await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now())))
  }
  return { sent, close: () => void socket.close() }
}
