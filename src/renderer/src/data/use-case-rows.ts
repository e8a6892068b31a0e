import { useEffect, useRef, useState } from 'react'
import type { IncidentFilter, IncidentView } from '@shared/contract'
import { useIncidentFeed } from './use-incident-feed'

/**
 * The live rows of one desk's list (the cases of a unit, of some grids): the
 * incident feed, re-read at most every 250 ms however fast changes come, and at
 * once for local (queued) changes. Small lists: the whole set is handed over.
 */
export function useCaseRows(
  filters: readonly IncidentFilter[],
  keep: (view: IncidentView) => boolean,
): { rows: readonly IncidentView[]; ready: boolean } {
  const [state, setState] = useState<{ rows: readonly IncidentView[]; ready: boolean }>({ rows: [], ready: false })
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  useIncidentFeed(filters, keep, (event, feed) => {
    const publish = () => setState({ rows: [...feed.rows.values()], ready: feed.isReady() })
    if (event.phase === 'local') return publish()
    timer.current ??= setTimeout(() => {
      timer.current = null
      publish()
    }, 250)
  })
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current)
    },
    [],
  )
  return state
}
