import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
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

async function start(tokens: { full: string | null; readOnly: string | null }) {
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

function connect(token?: string): Promise<Socket> {
  const socket = io(host.url, {
    path: '/contract',
    auth: token ? { token } : {},
    transports: ['websocket'],
    reconnection: false,
  })
  sockets.push(socket)
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket))
    socket.once('connect_error', reject)
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
    await start({ full: null, readOnly: null })
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
    await start({ full: null, readOnly: null })
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

  it('needs the token when one is set, and a wall token can only read', async () => {
    await start({ full: 'op-secret', readOnly: 'wall-secret' })
    await expect(connect()).rejects.toThrow(/unauthorized/)
    await expect(connect('wrong')).rejects.toThrow(/unauthorized/)
    const wall = await connect('wall-secret')
    expect(await invoke(wall, 'settings.get', {})).toMatchObject({ ok: true })
    expect(await invoke(wall, 'settings.set', { locale: 'en' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    })
    const operator = await connect('op-secret')
    expect(await invoke(operator, 'settings.set', { locale: 'en' })).toMatchObject({ ok: true })
  })

  it('refuses to listen beyond loopback without a token', async () => {
    await start({ full: null, readOnly: null })
    await expect(
      startHostServer({
        core,
        rendererDir: dir,
        resourcesDir: dir,
        port: 0,
        bind: '0.0.0.0',
        tokens: { full: null, readOnly: null },
      }),
    ).rejects.toThrow(/without a token/)
  })

  it('serves the renderer with a strict CSP, routes unknown paths to the app and never leaves its folder', async () => {
    await start({ full: null, readOnly: null })
    const index = await fetch(`${host.url}/`)
    expect(index.status).toBe(200)
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect(await (await fetch(`${host.url}/wall`)).text()).toContain('<title>app</title>')
    expect((await fetch(`${host.url}/..%2Fsecret.txt`)).status).toBe(404)
    expect((await fetch(`${host.url}/%2e%2e/secret.txt`)).status).toBe(404)
    expect((await fetch(`${host.url}/`, { method: 'POST' })).status).toBe(405)
  })
})
