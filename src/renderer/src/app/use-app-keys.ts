import { useEffect, useRef, useState } from 'react'
import type { Route } from './routes'
import { screenForDigit } from './shortcut-lists'

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)
}

/** Ctrl+1…6 open the role's screens; `?` toggles the shortcut overlay (Esc closes it). */
export function useAppKeys(routes: readonly Route[], navigate: (r: Route) => void): [boolean, () => void] {
  const [help, setHelpState] = useState(false)
  const open = useRef(false)
  const setHelp = (next: boolean) => {
    open.current = next
    setHelpState(next)
  }
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey && !e.altKey && !e.metaKey && !e.shiftKey) {
        const route = screenForDigit(e.key, routes)
        if (route) {
          e.preventDefault()
          setHelp(false)
          navigate(route)
        }
        return
      }
      if (e.key === 'Escape' && open.current) {
        e.preventDefault()
        e.stopPropagation()
        setHelp(false)
        return
      }
      if (e.key === '?' && !e.ctrlKey && !e.altKey && !e.metaKey && !isEditable(e.target)) {
        e.preventDefault()
        setHelp(!open.current)
      }
    }
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [routes, navigate])
  return [help, () => setHelp(false)]
}
