import { useEffect, useEffectEvent, useRef, useState } from 'react'
import type { IncidentFilter, IncidentView } from '@shared/contract'
import { call, subscribe } from '../api/client'
import { IncidentFeed, type FeedEvent } from './incident-feed'

/** Rows per `incidents.list` page: big enough for few round trips, small enough to keep frames flowing. */
export const PAGE_SIZE = 20_000

/**
 * A live incident feed for one view. `onEvent` receives every delta (the table
 * turns them into grid transactions; the board recounts). The feed lives as
 * long as the component; the filters are read once at start.
 */
export function useIncidentFeed(
  filters: readonly IncidentFilter[],
  keep: (view: IncidentView) => boolean,
  onEvent: (event: FeedEvent, feed: IncidentFeed) => void,
): IncidentFeed | null {
  const feedRef = useRef<IncidentFeed | null>(null)
  const [feed, setFeed] = useState<IncidentFeed | null>(null)
  const handle = useEffectEvent((event: FeedEvent) => {
    if (feedRef.current) onEvent(event, feedRef.current)
  })
  const startArgs = useEffectEvent(() => ({ filters, keep }))
  useEffect(() => {
    const { filters: f, keep: k } = startArgs()
    const feed = new IncidentFeed(
      {
        list: (args) => call('incidents.list', args),
        onChanges: (listener) => subscribe('changes', listener),
      },
      { filters: f, keep: k, pageSize: PAGE_SIZE },
      (event) => handle(event),
    )
    feedRef.current = feed
    setFeed(feed)
    feed.start()
    return () => {
      feed.stop()
      feedRef.current = null
    }
  }, [])
  return feed
}
