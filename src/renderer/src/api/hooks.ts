import { useCallback, useEffect, useEffectEvent, useState } from 'react'
import type { ArgsOf, EventName, EventPayloadOf, RequestName, ResultOf, SyncStatus } from '@shared/contract'
import { onHostDenied, onHostLink } from './bridge'
import { call, RequestError, subscribe } from './client'

export interface RequestState<T> {
  readonly data: T | undefined
  readonly error: RequestError | null
  readonly loading: boolean
  readonly reload: () => void
}

/**
 * Fetches once and again whenever `deps` change or `reload` is called. Views
 * reload on push notifications, never on a timer.
 */
export function useRequest<N extends RequestName>(
  name: N,
  args: ArgsOf<N>,
  deps: readonly unknown[] = [],
): RequestState<ResultOf<N>> {
  const [data, setData] = useState<ResultOf<N>>()
  const [error, setError] = useState<RequestError | null>(null)
  const [loading, setLoading] = useState(true)
  const [tick, setTick] = useState(0)
  // Args are read when the request runs; `deps` say when it runs again.
  const currentArgs = useEffectEvent(() => args)
  useEffect(() => {
    let live = true
    setLoading(true)
    call(name, currentArgs())
      .then((value) => {
        if (!live) return
        setData(value)
        setError(null)
      })
      .catch((err: unknown) => {
        if (!live) return
        setError(err instanceof RequestError ? err : new RequestError({ code: 'internal', message: String(err) }))
      })
      .finally(() => live && setLoading(false))
    return () => {
      live = false
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [name, tick, ...deps])
  const reload = useCallback(() => setTick((t) => t + 1), [])
  return { data, error, loading, reload }
}

export function usePushEvent<E extends EventName>(name: E, listener: (payload: EventPayloadOf<E>) => void): void {
  const onEvent = useEffectEvent(listener)
  useEffect(() => subscribe(name, (payload) => onEvent(payload)), [name])
}

/** The core's status, kept current by push events (one fetch at start). */
export function useSyncStatus(): SyncStatus | undefined {
  const { data } = useRequest('status.get', {})
  const [pushed, setPushed] = useState<SyncStatus>()
  usePushEvent('status', setPushed)
  return pushed ?? data
}

/** True once the browser host refused this page's token. */
export function useHostDenied(): boolean {
  const [denied, setDenied] = useState(false)
  useEffect(() => onHostDenied(setDenied), [])
  return denied
}

/** Whether the window still reaches its core (the browser host can go away). */
export function useHostLink(): boolean {
  const [up, setUp] = useState(true)
  useEffect(() => onHostLink(setUp), [])
  return up
}

/** A clock that ticks every `ms`, for ages and countdowns. */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms)
    return () => clearInterval(id)
  }, [ms])
  return now
}
