import { useCallback, useEffect, useRef, useState, type RefObject } from 'react'
import { HOLD_IDLE_MS, holdWatermark } from './arrival-hold'

const ACTIVITY = ['pointermove', 'pointerdown', 'keydown', 'wheel', 'focusin'] as const

/**
 * Holds the console's rows still while the operator works in it (see arrival-hold.ts): activity in the
 * console's body keeps the hold for HOLD_IDLE_MS; `release` lets the waiting arrivals in and holds on.
 */
export function useArrivalHold(
  body: RefObject<HTMLElement | null>,
  lastArrival: number | undefined,
): { upTo: number | null; release: () => void } {
  const [working, setWorking] = useState(false)
  const [upTo, setUpTo] = useState<number | null>(null)
  const latest = useRef(lastArrival)
  useEffect(() => {
    latest.current = lastArrival
  }, [lastArrival])

  useEffect(() => {
    const el = body.current
    if (!el) return
    let timer: ReturnType<typeof setTimeout> | null = null
    const onActivity = () => {
      setWorking(true)
      if (timer) clearTimeout(timer)
      timer = setTimeout(() => setWorking(false), HOLD_IDLE_MS)
    }
    for (const name of ACTIVITY) el.addEventListener(name, onActivity, { passive: true })
    return () => {
      if (timer) clearTimeout(timer)
      for (const name of ACTIVITY) el.removeEventListener(name, onActivity)
    }
  }, [body])

  useEffect(() => {
    setUpTo((current) => holdWatermark(working, current, latest.current))
  }, [working])

  const release = useCallback(() => {
    setUpTo((current) => (current === null ? null : Math.max(current, latest.current ?? current)))
  }, [])
  return { upTo, release }
}
