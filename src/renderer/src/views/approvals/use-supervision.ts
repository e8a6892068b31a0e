import { useMemo } from 'react'
import type { IncidentView, SupervisorActivity } from '@shared/contract'
import { useRequest } from '../../api/hooks'
import { lateCaseIds } from './late-split'
import { WORKLOAD_WINDOW_MS } from './operator-workload'

const MAX_TIMELINES = 5_000

/**
 * What "who is late" and the workload panel read beside the rows: the last
 * hour's activity, the late cases' timelines and who is on shift. Asked again
 * when the set of late cases changes and on each tick of `now`: the hour is a
 * sliding window, and the server does not push who signs in or out.
 */
export function useSupervision(rows: readonly IncidentView[], now: number): SupervisorActivity | undefined {
  // The contract takes at most 5,000 timelines; cases past that are split from their fields (late-split.ts).
  const ids = useMemo(() => lateCaseIds(rows, now).slice(0, MAX_TIMELINES), [rows, now])
  const key = ids.join(',')
  const { data } = useRequest('supervisor.activity', { since: now - WORKLOAD_WINDOW_MS, incidentIds: ids }, [key, now])
  return data
}
