import { io, type Socket } from 'socket.io-client'
import { CHANNELS } from '@shared/contract/channels'
import type { ArgsOf, EventName, EventPayloadOf, GridBridge, Outcome, RequestName, ResultOf } from '@shared/contract'

type Listener = (payload: unknown) => void

/**
 * The browser host's transport: the same bridge over socket.io to the host.
 * Calls made while the link is down wait for it (socket.io buffers emits) and
 * fail with `unavailable` after a timeout rather than hang forever.
 */
export function createSocketBridge(
  token: string | null,
  onLink?: (up: boolean) => void,
  onDenied?: () => void,
): GridBridge {
  const socket: Socket = io({ path: '/contract', auth: token ? { token } : {}, transports: ['websocket'] })
  const listeners = new Map<string, Set<Listener>>()
  socket.on(CHANNELS.event, (name: string, payload: unknown) => {
    for (const listener of listeners.get(name) ?? []) listener(payload)
  })
  socket.on('connect', () => onLink?.(true))
  socket.on('disconnect', () => onLink?.(false))
  socket.on('connect_error', (err) => {
    onLink?.(false)
    // The host refused this page's token: socket.io does not retry that, and neither would it help.
    if (err.message === 'unauthorized') onDenied?.()
  })
  return {
    invoke<N extends RequestName>(name: N, args: ArgsOf<N>): Promise<Outcome<ResultOf<N>>> {
      return new Promise((resolve) => {
        socket.timeout(30_000).emit(CHANNELS.invoke, name, args, (err: Error | null, outcome: Outcome<ResultOf<N>>) => {
          if (err)
            resolve({ ok: false, error: { code: 'unavailable', message: 'the workstation host did not answer' } })
          else resolve(outcome)
        })
      })
    },
    subscribe<E extends EventName>(name: E, listener: (payload: EventPayloadOf<E>) => void): () => void {
      const set = listeners.get(name) ?? new Set<Listener>()
      listeners.set(name, set)
      set.add(listener as Listener)
      return () => set.delete(listener as Listener)
    },
  }
}
