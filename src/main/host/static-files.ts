import { createReadStream } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'
import { contentSecurityPolicy } from './csp'
import { fileInside } from './safe-path'

/** Content types of what the renderer build holds. */
export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
}

/**
 * Serves the built renderer (and resources/) read-only. Paths are resolved
 * inside the root and never outside it (not through `..`, not through a
 * symlink); unknown routes get index.html so the app's own routes (/wall,
 * /console) work on reload. Pages may connect only to this host's own socket.
 */
export function staticHandler(roots: { renderer: string; resources: string }) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end()
      return
    }
    const url = new URL(req.url ?? '/', 'http://host')
    let pathname: string
    try {
      pathname = decodeURIComponent(url.pathname)
    } catch {
      res.writeHead(400).end('bad path')
      return
    }
    const [root, rel] = pathname.startsWith('/resources/')
      ? [roots.resources, pathname.slice('/resources/'.length)]
      : [roots.renderer, pathname.slice(1)]
    const target =
      (await fileInside(root, rel)) ??
      (root === roots.renderer && !path.extname(rel) ? await fileInside(roots.renderer, 'index.html') : null)
    if (!target) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found')
      return
    }
    const ext = path.extname(target)
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
      // The Host was checked by the request guard (an IP literal, localhost or a configured name).
      'Content-Security-Policy': contentSecurityPolicy([`ws://${req.headers.host ?? ''}`]),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': ext === '.html' ? 'no-cache' : 'public, max-age=3600',
    })
    if (req.method === 'HEAD') {
      res.end()
      return
    }
    createReadStream(target).pipe(res)
  }
}
