import type { GridBridge } from '@shared/contract'
import { createSocketBridge } from './socket-bridge'

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a plain browser. */
    readonly gridCommand?: GridBridge
  }
}

export type HostKind = 'electron' | 'browser'

let cached: { bridge: GridBridge; kind: HostKind } | null = null
const linkListeners = new Set<(up: boolean) => void>()
let linkUp = true
const deniedListeners = new Set<(denied: boolean) => void>()
let denied = false

/**
 * The token the browser host was opened with (?token=…), kept for this tab's session. It is taken
 * out of the address at once (history.replaceState), so it is not left in the history, in a
 * bookmark or on the screen.
 */
function hostToken(): string | null {
  const params = new URLSearchParams(window.location.search)
  const fromUrl = params.get('token')
  if (fromUrl) {
    sessionStorage.setItem('grid-token', fromUrl)
    params.delete('token')
    const rest = params.toString()
    window.history.replaceState(
      window.history.state,
      '',
      `${window.location.pathname}${rest ? `?${rest}` : ''}${window.location.hash}`,
    )
  }
  return fromUrl ?? sessionStorage.getItem('grid-token')
}

/** Electron's preload bridge when present, otherwise the browser host's socket. */
export function getBridge(): { bridge: GridBridge; kind: HostKind } {
  if (cached) return cached
  if (window.gridCommand) cached = { bridge: window.gridCommand, kind: 'electron' }
  else
    cached = {
      bridge: createSocketBridge(
        hostToken(),
        (up) => {
          linkUp = up
          for (const l of linkListeners) l(up)
        },
        () => {
          denied = true
          for (const l of deniedListeners) l(true)
        },
      ),
      kind: 'browser',
    }
  return cached
}

/** Whether this window can reach its own core (always true under Electron). */
export function onHostLink(listener: (up: boolean) => void): () => void {
  linkListeners.add(listener)
  listener(linkUp)
  return () => linkListeners.delete(listener)
}

/** Whether the browser host refused this page's token (missing, wrong, or from an earlier run). */
export function onHostDenied(listener: (denied: boolean) => void): () => void {
  deniedListeners.add(listener)
  listener(denied)
  return () => deniedListeners.delete(listener)
}
