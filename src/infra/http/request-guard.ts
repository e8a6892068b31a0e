import { isIP } from 'node:net'
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http'

/**
 * Who may talk to a local HTTP/socket.io service at all, before any token is
 * looked at. Two attacks are shut out here:
 *
 * - DNS rebinding: a page on evil.example re-points its name at 127.0.0.1 and
 *   talks to us as "same-origin". Its requests carry `Host: evil.example`, so
 *   the Host must be an IP literal, `localhost`, or a name we were told is ours
 *   (a rebinding attack needs a name; an IP literal cannot be rebound).
 * - Another local origin (a page on http://127.0.0.1:8080, any website in the
 *   operator's browser) opening our socket or posting a form to us: browsers
 *   say where a request comes from (`Origin`, `Sec-Fetch-Site`), and only the
 *   origins we name may come.
 *
 * Requests from programs (the workstation's sync client, curl, an Open311
 * partner's server) carry no Origin and no Sec-Fetch-* headers and pass.
 */
export interface GuardPolicy {
  /** Host names (no port) this service answers to besides IP literals and localhost, e.g. grid.example.gov. */
  readonly hosts?: readonly string[]
  /** Browser origins allowed besides our own (exact, e.g. https://wall.example.gov). */
  readonly origins?: readonly string[]
  /** Whether a page served by this same service may call it (the browser host: yes; the central server: no). */
  readonly sameOrigin: boolean
}

/** The host name of a Host header value, without port, brackets, case or a trailing dot. */
export function hostName(host: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(host)
  const name = bracketed?.[1] ?? (host.split(':').length > 2 ? host : (host.split(':')[0] ?? ''))
  return name.toLowerCase().replace(/\.$/, '')
}

/** A host name or bracketed IPv6 literal, with an optional port: nothing else (the value ends up in headers). */
const HOST_FORMAT =
  /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.?|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i

function isLocalName(name: string): boolean {
  return name === 'localhost' || isIP(name) !== 0
}

/** Why this request may not be served (null: it may). */
export function guardProblem(headers: IncomingHttpHeaders, policy: GuardPolicy, method = 'GET'): string | null {
  const host = headers.host
  if (!host) return 'the request names no Host'
  if (!HOST_FORMAT.test(host)) return 'the Host header is malformed'
  const name = hostName(host)
  const names = new Set((policy.hosts ?? []).map((h) => hostName(h)))
  if (!isLocalName(name) && !names.has(name))
    return `Host ${name} is not a name of this service (DNS rebinding?); add it with --public-host if it is`
  const origin = headers.origin
  if (origin !== undefined) {
    const allowed = new Set((policy.origins ?? []).map((o) => o.toLowerCase()))
    const own = policy.sameOrigin && (origin === `http://${host}` || origin === `https://${host}`)
    if (!own && !allowed.has(origin.toLowerCase())) return `requests from the web page at ${origin} are not accepted`
  }
  const site = headers['sec-fetch-site']
  if (typeof site === 'string' && site !== 'none' && !(site === 'same-origin' && policy.sameOrigin)) {
    // Someone typing or following a link to our page is harmless; a page calling or posting to us is not.
    const navigation = headers['sec-fetch-mode'] === 'navigate' && (method === 'GET' || method === 'HEAD')
    const named = origin !== undefined && (policy.origins ?? []).some((o) => o.toLowerCase() === origin.toLowerCase())
    if (!navigation && !named) return `requests from ${site} web pages are not accepted`
  }
  return null
}

/** socket.io's `allowRequest` for the same policy; `onRefuse` hears why (for the log). */
export function allowRequestFor(
  policy: GuardPolicy,
  onRefuse?: (reason: string, req: IncomingMessage) => void,
): (req: IncomingMessage, callback: (err: string | null | undefined, success: boolean) => void) => void {
  return (req, callback) => {
    const problem = guardProblem(req.headers, policy, req.method)
    if (problem) onRefuse?.(problem, req)
    callback(problem, problem === null)
  }
}
