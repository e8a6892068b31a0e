import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { io, type Socket } from 'socket.io-client'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CHANNELS, type Outcome } from '@shared/contract'
import { createCore, type Core } from '../../../src/main/core/core'
import { startHostServer, type RunningHost } from '../../../src/main/host/host-server'

const MIGRATIONS = path.resolve(import.meta.dirname, '../../../drizzle')

let dir: string
let core: Core
let host: RunningHost
const sockets: Socket[] = []

const TOKEN = 'op-secret-0123456789'
const WALL = 'wall-secret-0123456789'

async function start(tokens: { full: string; readOnly: string | null } = { full: TOKEN, readOnly: null }) {
  const renderer = path.join(dir, 'renderer')
  mkdirSync(renderer, { recursive: true })
  writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>app</title>')
  writeFileSync(path.join(dir, 'secret.txt'), 'do not serve')
  core = await createCore({
    dataDir: path.join(dir, 'data'),
    migrationsFolder: MIGRATIONS,
    host: 'browser',
    version: 'test',
    server: null,
    embeddedServer: false,
  })
  host = await startHostServer({
    core,
    rendererDir: renderer,
    resourcesDir: path.join(dir, 'resources'),
    port: 0,
    bind: '127.0.0.1',
    tokens,
  })
}

function connect(token: string | undefined = TOKEN, headers: Record<string, string> = {}): Promise<Socket> {
  const socket = io(host.url, {
    path: '/contract',
    auth: token ? { token } : {},
    transports: ['websocket'],
    reconnection: false,
    extraHeaders: headers,
  })
  sockets.push(socket)
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket))
    socket.once('connect_error', reject)
  })
}

/** A GET with headers fetch() will not let us set (Host, Sec-Fetch-*). */
function get(pathname: string, headers: Record<string, string>): Promise<{ status: number }> {
  const { hostname, port } = new URL(host.url)
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path: pathname, headers }, (res) => {
      res.resume()
      resolve({ status: res.statusCode ?? 0 })
    })
    req.on('error', reject)
    req.end()
  })
}

function invoke(socket: Socket, name: string, args: unknown): Promise<Outcome<unknown>> {
  return new Promise((resolve) => socket.emit(CHANNELS.invoke, name, args, resolve))
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'grid-host-'))
})
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close()
  await host?.close()
  await core?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('the browser host', () => {
  it('carries the contract over its socket: round trip, validation errors, unknown names', async () => {
    await start()
    const socket = await connect()
    const status = await invoke(socket, 'status.get', {})
    expect(status).toMatchObject({ ok: true, value: { database: { journalMode: 'wal' } } })
    expect(await invoke(socket, 'settings.set', { locale: 'en' })).toEqual({ ok: true, value: { locale: 'en' } })
    expect(await invoke(socket, 'settings.get', {})).toEqual({ ok: true, value: { locale: 'en' } })
    expect(await invoke(socket, 'settings.set', { locale: 42 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_args' },
    })
    expect(await invoke(socket, 'drop.tables', {})).toMatchObject({ ok: false, error: { code: 'unknown_request' } })
  })

  it('pushes core events to every connected browser', async () => {
    await start()
    const [a, b] = await Promise.all([connect(), connect()])
    const got = Promise.all(
      [a, b].map(
        (s) =>
          new Promise((resolve) =>
            s.once(CHANNELS.event, (name: string, payload: unknown) => resolve([name, payload])),
          ),
      ),
    )
    core.hub.emit('changes', { incidentIds: ['x'], all: false, conflictsChanged: false, cursor: 9 })
    expect(await got).toEqual([
      ['changes', { incidentIds: ['x'], all: false, conflictsChanged: false, cursor: 9 }],
      ['changes', { incidentIds: ['x'], all: false, conflictsChanged: false, cursor: 9 }],
    ])
  })

  it('always needs its token, on loopback too, and a wall token can only read', async () => {
    await start({ full: TOKEN, readOnly: WALL })
    await expect(connect('')).rejects.toThrow(/unauthorized/)
    await expect(connect('wrong')).rejects.toThrow(/unauthorized/)
    const wall = await connect(WALL)
    expect(await invoke(wall, 'settings.get', {})).toMatchObject({ ok: true })
    expect(await invoke(wall, 'settings.set', { locale: 'en' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    })
    const operator = await connect(TOKEN)
    expect(await invoke(operator, 'settings.set', { locale: 'en' })).toMatchObject({ ok: true })
  })

  it('refuses a weak token', async () => {
    await start()
    await expect(
      startHostServer({
        core,
        rendererDir: dir,
        resourcesDir: dir,
        port: 0,
        bind: '127.0.0.1',
        tokens: { full: 'short', readOnly: null },
      }),
    ).rejects.toThrow(/at least 16 characters/)
  })

  it('opens its socket only to its own pages, by a name that is its own', async () => {
    await start()
    const port = new URL(host.url).port
    // Its own page (by IP or by localhost) connects.
    ;(await connect(TOKEN, { origin: host.url })).close()
    ;(await connect(TOKEN, { origin: `http://localhost:${port}`, host: `localhost:${port}` })).close()
    // A page on another local origin, even with the token, does not.
    await expect(connect(TOKEN, { origin: 'http://127.0.0.1:8080' })).rejects.toThrow()
    await expect(connect(TOKEN, { origin: 'null' })).rejects.toThrow()
    // DNS rebinding: the attacker's name resolves to us, its page is "same-origin" with itself.
    await expect(
      connect(TOKEN, { origin: `http://rebind.example:${port}`, host: `rebind.example:${port}` }),
    ).rejects.toThrow()
    // Plain HTTP the same way.
    expect((await get('/', { host: `rebind.example:${port}` })).status).toBe(403)
    expect((await get('/', { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors' })).status).toBe(403)
    expect((await get('/', { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' })).status).toBe(200)
  })

  it('serves the renderer with a strict CSP, routes unknown paths to the app and never leaves its folder', async () => {
    await start()
    const index = await fetch(`${host.url}/`)
    expect(index.status).toBe(200)
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'")
    // Its pages may connect to this host's own socket and nowhere else.
    expect(index.headers.get('content-security-policy')).toContain(
      `connect-src 'self' blob: ws://${new URL(host.url).host};`,
    )
    expect(await (await fetch(`${host.url}/wall`)).text()).toContain('<title>app</title>')
    expect((await fetch(`${host.url}/..%2Fsecret.txt`)).status).toBe(404)
    expect((await fetch(`${host.url}/%2e%2e/secret.txt`)).status).toBe(404)
    expect((await fetch(`${host.url}/`, { method: 'POST' })).status).toBe(405)
  })

  it('does not follow a symlink out of its folder', async () => {
    await start()
    const renderer = path.join(dir, 'renderer')
    symlinkSync(path.join(dir, 'secret.txt'), path.join(renderer, 'leak.txt'))
    symlinkSync(dir, path.join(renderer, 'up'))
    writeFileSync(path.join(renderer, 'real.txt'), 'inside')
    symlinkSync(path.join(renderer, 'real.txt'), path.join(renderer, 'alias.txt'))
    for (const p of ['/leak.txt', '/up/secret.txt']) {
      const res = await fetch(`${host.url}${p}`)
      expect(res.status, p).toBe(404)
      expect(await res.text()).not.toContain('do not serve')
    }
    // A link that stays inside is fine.
    expect(await (await fetch(`${host.url}/alias.txt`)).text()).toBe('inside')
  })
})
