/**
 * The Content-Security-Policy every page of the app gets, in Electron and in
 * the browser host alike: only our own scripts and styles, no eval, no
 * frames, no forms; and it may connect to `self` and to `connectTo` only (the
 * browser host's own socket, or the configured central server), nowhere else.
 */
export function contentSecurityPolicy(connectTo: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    // blob: is the map's large layers, handed to its worker as text (the page's own blobs only).
    `connect-src ${["'self'", 'blob:', ...connectTo].join(' ')}`,
    // The map's worker is built from the bundle (a blob: URL; a file:// page turns it into a data: URL).
    "worker-src 'self' blob: data:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ')
}

/** An http(s) origin and its WebSocket twin, as connect-src sources (socket.io uses both). */
export function originSources(url: string): string[] {
  const { protocol, host } = new URL(url)
  if (protocol !== 'http:' && protocol !== 'https:') throw new Error(`not an http(s) URL: ${url}`)
  const secure = protocol === 'https:'
  return [`${secure ? 'https' : 'http'}://${host}`, `${secure ? 'wss' : 'ws'}://${host}`]
}
