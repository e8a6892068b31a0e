import type { z } from 'zod'
import type { RequestDef } from './define'
import type { Outcome } from './errors'
import { pushEvents } from './events'
import { requests } from './requests'

export { requests, pushEvents }
export * from './define'
export * from './errors'
export * from './views'
export * from './requests/app'
export * from './requests/incidents'
export * from './requests/situation'
export * from './requests/console'
export * from './requests/session'
export * from './requests/table'
export * from './requests/map'
export * from './requests/assessment'
export * from './requests/assessment-reports'
export * from './requests/supervision'
export * from './requests/rule-sets'

export type Requests = typeof requests
export type RequestName = keyof Requests
export type ArgsOf<N extends RequestName> = Requests[N] extends RequestDef<infer A, unknown> ? z.input<A> : never
export type ParsedArgsOf<N extends RequestName> = Requests[N] extends RequestDef<infer A, unknown> ? z.output<A> : never
export type ResultOf<N extends RequestName> = Requests[N] extends RequestDef<z.ZodType, infer R> ? R : never

export type PushEvents = typeof pushEvents
export type EventName = keyof PushEvents
export type EventPayloadOf<E extends EventName> = z.output<PushEvents[E]['payload']>

export { CHANNELS } from './channels'

/**
 * What the renderer sees on `window.gridCommand` (Electron preload) or builds
 * over the host's socket (browser): one way in, one way out.
 */
export interface GridBridge {
  invoke<N extends RequestName>(name: N, args: ArgsOf<N>): Promise<Outcome<ResultOf<N>>>
  subscribe<E extends EventName>(name: E, listener: (payload: EventPayloadOf<E>) => void): () => void
}

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.hasOwn(requests, name)
}
