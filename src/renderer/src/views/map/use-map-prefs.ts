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
  const changes = useRef(0)
  useEffect(() => {
    let live = true
    const asked = changes.current
    // Read after the saves already queued, and drop the answer if the operator changed something
    // meanwhile: a late read must not put back what they just switched off (and then be saved).
    saving.current
      .then(() => call('map.prefs.get', {}))
      .then((saved) => {
        if (!live) return
        if (changes.current === asked) setPrefs(saved.prefs)
        setLoaded(true)
      })
      .catch(() => live && setLoaded(true))
    return () => {
      live = false
    }
  }, [actor])
  const change = useCallback((next: MapPrefs) => {
    changes.current += 1
    setPrefs(next)
    // Sent at once, not after the previous answer: one socket and one store keep them in order (the
    // last change stays), and a reload or a sign-out right after a click cannot drop a queued save.
    const sent = call('map.prefs.save', { prefs: next }).catch(() => undefined)
    saving.current = Promise.all([saving.current, sent])
  }, [])
  return { prefs, loaded, change }
}
