import type { IncomingMessage } from 'node:http'

/** The client's address: the socket's, or (behind a reverse proxy we were told to trust) the proxy's last hop. */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers['x-forwarded-for']
    const list = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',').map((s) => s.trim())
    const last = list.filter(Boolean).pop()
    if (last) return last
  }
  return req.socket.remoteAddress ?? 'unknown'
}
