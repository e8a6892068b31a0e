import { useEffect, useState } from 'react'
import type { DrillKey } from '@shared/contract'
import { call } from '../../api/client'
import { drillFromHash } from './drill-param'

export interface ActiveDrill {
  readonly key: DrillKey
  /** Exactly the incidents behind the number, as the core counted them. */
  readonly ids: ReadonlySet<string>
}

/** The drill-down in the address, resolved by the core into the ids it counted. */
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
    call('situation.drill', { key })
      .then((result) => {
        if (!live) return
        setDrill({ key, ids: new Set(result.ids) })
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
