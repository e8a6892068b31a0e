import { usePushEvent, useRequest } from '../api/hooks'

/** The rejected commands, refetched only when the core says they changed. */
export function useConflicts() {
  const { data, reload } = useRequest('conflicts.list', {})
  usePushEvent('changes', (n) => {
    if (n.conflictsChanged || n.all) reload()
  })
  return { conflicts: data ?? [], reload }
}
