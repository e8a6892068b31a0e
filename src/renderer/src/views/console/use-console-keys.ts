import { useEffect, type RefObject } from 'react'
import type { TableHandle } from './IncidentTable'

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)
}

/** The console's own keys: what moves through the table (action keys belong to the detail panel). */
export type ConsoleKey = 'down' | 'up' | 'filter' | 'open'

/** The console key a key press asks for, or null (never while typing, never with a modifier). */
export function consoleKeyFor(e: {
  key: string
  ctrlKey: boolean
  altKey: boolean
  metaKey: boolean
  inEditable: boolean
  inTable: boolean
}): ConsoleKey | null {
  if (e.inEditable || e.ctrlKey || e.altKey || e.metaKey) return null
  if (e.key === 'j' || e.key === 'J') return 'down'
  if (e.key === 'k' || e.key === 'K') return 'up'
  if (e.key === '/') return 'filter'
  if (e.key === 'Enter' && e.inTable) return 'open'
  return null
}

/**
 * J/K move through the table, `/` focuses the quick filter, Enter on a row goes into its detail (its
 * first action). Listened for on the window, as the detail panel's action keys are.
 */
export function useConsoleKeys(refs: {
  handle: RefObject<TableHandle | null>
  quick: RefObject<HTMLInputElement | null>
  table: () => HTMLElement | null
  detail: () => HTMLElement | null
}): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return
      const table = refs.table()
      const inTable = !!table && e.target instanceof Node && table.contains(e.target)
      const key = consoleKeyFor({
        key: e.key,
        ctrlKey: e.ctrlKey,
        altKey: e.altKey,
        metaKey: e.metaKey,
        inEditable: isEditable(e.target),
        inTable,
      })
      if (!key) return
      e.preventDefault()
      if (key === 'down') refs.handle.current?.step(1)
      else if (key === 'up') refs.handle.current?.step(-1)
      else if (key === 'filter') {
        refs.quick.current?.focus()
        refs.quick.current?.select()
      } else refs.detail()?.querySelector<HTMLElement>('.action-btn')?.focus()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [refs])
}
