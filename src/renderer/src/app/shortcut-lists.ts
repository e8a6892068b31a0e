import type { Route } from './routes'

/** One line of the shortcut overlay: the keys as printed, and the i18n key of what they do. */
export interface ShortcutLine {
  readonly keys: string
  /** Under `shortcuts.do.` in the translation namespace. */
  readonly does: string
}

/** Keys every screen has. */
export const GLOBAL_SHORTCUTS: readonly ShortcutLine[] = [
  { keys: 'Ctrl+1…6', does: 'screen' },
  { keys: '?', does: 'help' },
  { keys: 'Esc', does: 'close' },
]

/**
 * Each screen's own keys (the console's action letters are its ACTION_KEYS, listed beside each
 * button too). A screen without its own keys shows only the global ones.
 */
export const SCREEN_SHORTCUTS: Partial<Record<Route, readonly ShortcutLine[]>> = {
  console: [
    { keys: 'J / ↓', does: 'down' },
    { keys: 'K / ↑', does: 'up' },
    { keys: 'Enter', does: 'open' },
    { keys: '/', does: 'filter' },
    { keys: 'Tab', does: 'toRows' },
    { keys: 'A', does: 'accept' },
    { keys: 'D', does: 'dispatch' },
    { keys: 'M', does: 'merge' },
    { keys: 'X', does: 'reject' },
    { keys: 'N', does: 'comment' },
    { keys: 'G B V C S U E', does: 'others' },
    { keys: 'xf…', does: 'typeAhead' },
    { keys: 'Enter / Esc', does: 'submit' },
  ],
  dispatch: [
    { keys: '↑ / ↓', does: 'cards' },
    { keys: '← / → / 1…9', does: 'boardTarget' },
    { keys: 'Enter', does: 'boardDispatch' },
    { keys: 'Esc', does: 'boardCancel' },
  ],
}

/** The screen Ctrl+digit opens among the role's screens (1 = the first), or null. */
export function screenForDigit(key: string, routes: readonly Route[]): Route | null {
  if (!/^[1-6]$/.test(key)) return null
  return routes[Number(key) - 1] ?? null
}
