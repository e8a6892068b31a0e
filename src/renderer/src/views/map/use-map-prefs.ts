import { useCallback, useEffect, useRef, useState } from 'react'
import { DEFAULT_MAP_PREFS, type MapPrefs } from '@shared/contract'
import { call } from '../../api/client'
import { useSyncStatus } from '../../api/hooks'

/**
 * The operator's map toggles and filters: read from the core (kept per
 * signed-in operator, see map-prefs.ts), read again when another operator
 * signs in, saved on every change.
 */
export function useMapPrefs(): { prefs: MapPrefs; loaded: boolean; change: (next: MapPrefs) => void } {
  const actor = useSyncStatus()?.operator?.actorId ?? null
  const [prefs, setPrefs] = useState<MapPrefs>(DEFAULT_MAP_PREFS)
  const [loaded, setLoaded] = useState(false)
  const saving = useRef<Promise<unknown>>(Promise.resolve())
  useEffect(() => {
    let live = true
    call('map.prefs.get', {})
      .then((saved) => {
        if (!live) return
        setPrefs(saved.prefs)
        setLoaded(true)
      })
      .catch(() => live && setLoaded(true))
    return () => {
      live = false
    }
  }, [actor])
  const change = useCallback((next: MapPrefs) => {
    setPrefs(next)
    // In order: the last change is the one that stays.
    saving.current = saving.current.then(() => call('map.prefs.save', { prefs: next }).catch(() => undefined))
  }, [])
  return { prefs, loaded, change }
}
