import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Protocol } from 'electron'
import { fileInside } from '../host/safe-path'
import { CONTENT_TYPES } from '../host/static-files'

/**
 * The renderer is served from app://grid/, a custom scheme registered as
 * privileged (standard, secure, fetch), never from file://: a page on file://
 * could read any other local file it can name, and every file:// URL is the
 * same origin.
 */
export const APP_SCHEME = 'app'
export const APP_HOST = 'grid'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

/** Must run before the app is ready (Electron's rule for privileged schemes). */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ])
}

/** Where a window showing `role` loads from. */
export function appUrl(role: string): string {
  return `${APP_ORIGIN}/index.html#/${role}`
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } })
}

/**
 * One app:// request: a file inside the renderer folder only (no `..`, no
 * symlink out of it), with the CSP; a path with no file and no extension is
 * one of the app's own routes and gets index.html.
 */
export async function appResponse(url: string, rendererRoot: string, csp: string): Promise<Response> {
  let rel: string
  try {
    const parsed = new URL(url)
    if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return plain(404, 'not found')
    rel = decodeURIComponent(parsed.pathname).replace(/^\/+/, '')
  } catch {
    return plain(400, 'bad path')
  }
  const file =
    (await fileInside(rendererRoot, rel)) ??
    (path.extname(rel) === '' ? await fileInside(rendererRoot, 'index.html') : null)
  if (!file) return plain(404, 'not found')
  return new Response(new Uint8Array(await readFile(file)), {
    headers: {
      'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
      'content-security-policy': csp,
      'x-content-type-options': 'nosniff',
    },
  })
}

/** Serves app:// from the built renderer; `csp` is read per response (it names the server once known). */
export function serveApp(protocol: Pick<Protocol, 'handle'>, rendererRoot: string, csp: () => string): void {
  protocol.handle(APP_SCHEME, (request) => appResponse(request.url, rendererRoot, csp()))
}
