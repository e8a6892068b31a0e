import { useEffect, useState } from 'react'
import type { BuiltinViewId } from '@shared/contract'
import type { TownScope } from '@shared/domain'
import { call, subscribe } from '../../api/client'

/** Counted again after changes at most this often, and never for more than a tenth of the time. */
const EVERY_MS = 5000

/** The view tabs' badges, counted by the core over the whole cache and kept up with its changes. */
export function useViewCounts(myTowns: TownScope): Record<BuiltinViewId, number> | null {
  const [counts, setCounts] = useState<Record<BuiltinViewId, number> | null>(null)
  const key = myTowns === '*' ? '*' : myTowns.join(',')
  useEffect(() => {
    let live = true
    let busy = false
    let again = false
    let next = 0
    let timer: ReturnType<typeof setTimeout> | null = null
    const towns: TownScope = key === '*' ? '*' : key.split(',')
    const run = () => {
      if (busy || Date.now() < next) {
        again = true
        timer ??= setTimeout(
          () => {
            timer = null
            if (again) run()
          },
          Math.max(50, next - Date.now()),
        )
        return
      }
      busy = true
      again = false
      const started = Date.now()
      call('table.viewCounts', { myTowns: towns === '*' ? '*' : [...towns] })
        .then((c) => live && setCounts(c))
        .catch(() => undefined) // the badges wait for the next change
        .finally(() => {
          busy = false
          next = Date.now() + Math.max(EVERY_MS, 10 * (Date.now() - started))
          if (again && live) run()
        })
    }
    run()
    const off = subscribe('changes', () => run())
    // The overdue view moves with the clock.
    const tick = setInterval(run, 60_000)
    return () => {
      live = false
      off()
      clearInterval(tick)
      if (timer) clearTimeout(timer)
    }
  }, [key])
  return counts
}
