import type { PushHub } from './push-hub'
import type { StatusBoard } from './status-board'
import type { Store } from './store/open-store'
import { readDatabaseStatus } from './database-status'

export interface DatabaseWatch {
  stop(): Promise<void>
}

/**
 * Keeps the status bar's store figures (cases cached, file size) true through a shift: re-read
 * after the cache changes, at most once per interval (a count over a big cache costs a few ms
 * of the store's time; a figure from when the window opened would be stale data shown as live).
 */
export function watchDatabaseStatus(deps: {
  hub: PushHub
  status: StatusBoard
  store: Store
  recoveredFrom: string | null
  intervalMs?: number
}): DatabaseWatch {
  const interval = deps.intervalMs ?? 10_000
  let timer: NodeJS.Timeout | null = null
  let last = 0
  let reading: Promise<void> = Promise.resolve()
  let stopped = false
  const read = () => {
    timer = null
    last = Date.now()
    reading = readDatabaseStatus(deps.store, deps.recoveredFrom)
      .then((database) => {
        if (!stopped) deps.status.update({ database })
      })
      // The store closing under a read, or a disk hiccup: the next change tries again.
      .catch(() => undefined)
  }
  const unsubscribe = deps.hub.subscribe((name) => {
    if (name !== 'changes' || timer || stopped) return
    timer = setTimeout(read, Math.max(0, last + interval - Date.now()))
    timer.unref?.()
  })
  return {
    async stop() {
      stopped = true
      unsubscribe()
      if (timer) clearTimeout(timer)
      timer = null
      await reading
    },
  }
}
