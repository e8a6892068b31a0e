import { io } from 'socket.io-client'
import { MSG, SYNC_NAMESPACE, type LayoutReply } from '@shared/protocol'
import type { ScreenLayout } from '@shared/contract'

export interface ServerLinkLike {
  readonly url: string
  readonly ca: string | null
  /** The current handshake token; null when nobody is signed in. */
  credential(): Promise<string | null>
}

function isReply(v: unknown): v is LayoutReply {
  return (
    typeof v === 'object' && v !== null && typeof (v as { actorId?: unknown }).actorId === 'string' && 'layout' in v
  )
}

/**
 * One short exchange with the central server about the operator's layout
 * (layoutGet / layoutSave in the sync protocol), on its own brief connection:
 * layouts change rarely, and the sync engine's session stays untouched.
 */
async function exchange(
  link: ServerLinkLike,
  send: (socket: ReturnType<typeof io>) => Promise<unknown>,
  timeoutMs: number,
): Promise<LayoutReply> {
  const token = await link.credential()
  if (token === null) throw new Error('nobody is signed in')
  const socket = io(new URL(SYNC_NAMESPACE, link.url).toString(), {
    auth: { token },
    ...(link.ca ? { ca: link.ca } : {}),
    reconnection: false,
    forceNew: true,
    transports: ['websocket'],
    timeout: timeoutMs,
  })
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('server unreachable')), timeoutMs)
      socket.once('connect', () => {
        clearTimeout(timer)
        resolve()
      })
      socket.once('connect_error', (err) => {
        clearTimeout(timer)
        reject(err)
      })
    })
    const reply = await send(socket)
    if (!isReply(reply)) throw new Error(`server refused: ${JSON.stringify(reply).slice(0, 200)}`)
    return reply
  } finally {
    socket.removeAllListeners()
    socket.disconnect()
  }
}

export function fetchRemoteLayout(link: ServerLinkLike, timeoutMs = 4000): Promise<LayoutReply> {
  return exchange(link, (s) => s.timeout(timeoutMs).emitWithAck(MSG.layoutGet, {}), timeoutMs)
}

export function saveRemoteLayout(link: ServerLinkLike, layout: ScreenLayout, timeoutMs = 4000): Promise<LayoutReply> {
  return exchange(link, (s) => s.timeout(timeoutMs).emitWithAck(MSG.layoutSave, { layout }), timeoutMs)
}
