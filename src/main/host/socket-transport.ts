import type { Server as HttpServer } from 'node:http'
import { timingSafeEqual } from 'node:crypto'
import { Server } from 'socket.io'
import { allowRequestFor, type GuardPolicy } from '@infra/http/request-guard'
import { CHANNELS } from '@shared/contract'
import type { Core } from '../core/core'

export interface HostTokens {
  /** Full access (an operator's browser): always required, minted at random when none is given. */
  readonly full: string
  /** Read-only access (video-wall PCs): only read requests, all push events. */
  readonly readOnly: string | null
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/**
 * The browser transport: the contract over socket.io on the host's own HTTP
 * server. One message in (invoke, acknowledged with plain Outcome data) and one
 * out (push events); the registry does every check.
 */
export function bindSocketTransport(http: HttpServer, core: Core, tokens: HostTokens, guard: GuardPolicy): Server {
  const io = new Server(http, {
    path: '/contract',
    serveClient: false,
    maxHttpBufferSize: 4 * 1024 * 1024,
    allowRequest: allowRequestFor(guard),
  })
  io.use((socket, next) => {
    const token = typeof socket.handshake.auth?.token === 'string' ? socket.handshake.auth.token : ''
    if (tokens.readOnly && token && same(token, tokens.readOnly)) {
      socket.data.readOnly = true
      return next()
    }
    if (token && same(token, tokens.full)) {
      socket.data.readOnly = false
      return next()
    }
    next(new Error('unauthorized'))
  })
  io.on('connection', (socket) => {
    const readOnly = socket.data.readOnly === true
    const unsubscribe = core.hub.subscribe((name, payload) => socket.emit(CHANNELS.event, name, payload))
    socket.on(CHANNELS.invoke, async (name: unknown, args: unknown, ack: unknown) => {
      if (typeof ack !== 'function') return
      ack(await core.registry.call(name, args, { origin: 'socket', readOnly }))
    })
    socket.on('disconnect', unsubscribe)
  })
  return io
}
