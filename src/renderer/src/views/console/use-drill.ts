import { useEffect, useState } from 'react'
import type { DrillKey } from '@shared/contract'
import { call } from '../../api/client'
import { drillFromHash } from './drill-param'

export interface ActiveDrill {
  readonly key: DrillKey
  /** The set the core froze: exactly the incidents behind the number, however many. */
  readonly id: string
  readonly total: number
}

/** The drill-down in the address, frozen by the core into a set the table's queries name. */
export function useDrill(): { drill: ActiveDrill | null; error: string | null; clear: () => void } {
  const [key, setKey] = useState<DrillKey | null>(() => drillFromHash(window.location.hash))
  const [drill, setDrill] = useState<ActiveDrill | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    const onHash = () => setKey(drillFromHash(window.location.hash))
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [])
  useEffect(() => {
    let live = true
    if (!key) {
      setDrill(null)
      return
    }
    call('table.drill', { key })
      .then((result) => {
        if (!live) return
        setDrill({ key, id: result.drill, total: result.total })
        setError(null)
      })
      .catch((err: unknown) => live && setError(err instanceof Error ? err.message : String(err)))
    return () => {
      live = false
    }
  }, [key])
  const clear = () => {
    window.location.hash = '/console'
  }
  return { drill, error, clear }
}
