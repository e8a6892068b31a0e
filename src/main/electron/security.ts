import type { Session, WebContents } from 'electron'
import { webLink } from '@shared/domain'
import { APP_ORIGIN } from './app-protocol'

/** Is `url` one of ours: the renderer on app://grid/, or the dev server electron-vite started? */
export function isAppUrl(url: string, devServerUrl: string | null): boolean {
  if (devServerUrl && url.startsWith(devServerUrl)) return true
  try {
    const parsed = new URL(url)
    return `${parsed.protocol}//${parsed.host}` === APP_ORIGIN
  } catch {
    return false
  }
}

/**
 * Session-wide rules: a strict CSP on every response (`csp` is read each time:
 * it names the central server once that is known) and no permission is ever
 * granted.
 */
export function hardenSession(session: Session, csp: () => string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp()] },
    })
  })
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
}

/**
 * Per-window rules: no navigation away from the app, no new windows. A link the renderer opens in
 * a new window (a report's photo) goes to the system browser instead, when it is http(s).
 */
export function hardenContents(
  contents: WebContents,
  allowed: (url: string) => boolean,
  openExternal: (url: string) => void = () => undefined,
): void {
  contents.on('will-navigate', (event, url) => {
    if (!allowed(url)) event.preventDefault()
  })
  contents.on('will-redirect', (event, url) => {
    if (!allowed(url)) event.preventDefault()
  })
  contents.setWindowOpenHandler(({ url }) => {
    const link = webLink(url)
    if (link) openExternal(link)
    return { action: 'deny' }
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
}
