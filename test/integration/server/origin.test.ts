import { request } from 'node:http'
import { io } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AUTH_PATHS, DEMO_TOKENS, SYNC_NAMESPACE } from '@shared/protocol'
import type { RunningServer } from '../../../src/server/index'
import { placeIn, quietServer, tempDir } from './helpers'

const KEY = 'origin-test-key-0123456789'

/** Item 1 of the trust boundary on the central server: no web page, no rebound name, on /sync or on HTTP. */
describe('Origin and Host on the central server', () => {
  const tmp = tempDir()
  let server: RunningServer

  /** A /sync connection with the given browser-ish headers: resolves true when it was let in. */
  function opens(headers: Record<string, string>, transport: 'websocket' | 'polling' = 'websocket'): Promise<boolean> {
    const socket = io(`${server.url}${SYNC_NAMESPACE}`, {
      auth: { token: DEMO_TOKENS.operator.token },
      transports: [transport],
      reconnection: false,
      forceNew: true,
      extraHeaders: headers,
    })
    return new Promise((resolve) => {
      socket.once('connect', () => {
        socket.close()
        resolve(true)
      })
      socket.once('connect_error', () => {
        socket.close()
        resolve(false)
      })
    })
  }

  /** An HTTP request with headers fetch() will not set (Host, Sec-Fetch-*). */
  function call(
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: string,
  ): Promise<{ status: number; text: string }> {
    const { hostname, port } = new URL(server.url)
    return new Promise((resolve, reject) => {
      const req = request({ hostname, port, path, method, headers }, (res) => {
        let text = ''
        res.on('data', (d: Buffer) => (text += d.toString()))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }))
      })
      req.on('error', reject)
      req.end(body)
    })
  }

  beforeAll(async () => {
    server = await quietServer(tmp.dir, {
      publicHosts: ['grid-server.example.gov'],
      open311Clients: [{ key: KEY, client: 'partner', rate: { perMinute: 600, burst: 100 } }],
      open311AddressRate: { perMinute: 600, burst: 100 },
    })
  })
  afterAll(async () => {
    await server.close()
    tmp.remove()
  })

  it('opens /sync to programs by IP, localhost or a configured name', async () => {
    const port = new URL(server.url).port
    expect(await opens({})).toBe(true)
    expect(await opens({ host: `localhost:${port}` })).toBe(true)
    expect(await opens({ host: `grid-server.example.gov:${port}` })).toBe(true)
    expect(await opens({}, 'polling')).toBe(true)
  })

  it('refuses /sync to a web page on another local origin and to a rebound name, on both transports', async () => {
    const port = new URL(server.url).port
    for (const transport of ['websocket', 'polling'] as const) {
      expect(await opens({ origin: 'http://127.0.0.1:8080' }, transport), `${transport} other origin`).toBe(false)
      expect(await opens({ origin: server.url }, transport), `${transport} own origin`).toBe(false)
    }
    expect(await opens({ host: `rebind.evil.example:${port}` }), 'websocket rebound').toBe(false)
    // The polling client cannot set Host, so its handshake is sent by hand: engine.io answers 403.
    const handshake = await call('GET', '/socket.io/?EIO=4&transport=polling', { host: `rebind.evil.example:${port}` })
    expect(handshake.status).toBe(403)
    expect(handshake.text).toContain('DNS rebinding')
    expect((await call('GET', '/socket.io/?EIO=4&transport=polling', {})).status).toBe(200)
  })

  it('refuses a form posted to Open311 from a web page, writing nothing', async () => {
    const before = server.incidentCount()
    const { lat, lng } = placeIn('henglan')
    const form = new URLSearchParams({
      api_key: KEY,
      service_code: 'fire_safety',
      lat: String(lat),
      long: String(lng),
    }).toString()
    const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' }
    const fromPage: Record<string, string>[] = [
      { origin: 'http://127.0.0.1:8080' },
      { origin: 'null' }, // a sandboxed or no-referrer page
      { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' },
      { 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'no-cors' },
    ]
    for (const headers of fromPage) {
      const res = await call('POST', '/open311/v2/requests.json', { ...formHeaders, ...headers }, form)
      expect(res.status, JSON.stringify(headers)).toBe(403)
      expect(JSON.parse(res.text)).toEqual([{ code: 403, description: expect.any(String) }])
    }
    expect(server.incidentCount()).toBe(before)
    // The same form from a program is a report.
    expect((await call('POST', '/open311/v2/requests.json', formHeaders, form)).status).toBe(201)
    expect(server.incidentCount()).toBe(before + 1)
  })

  it('refuses plain HTTP by a rebound name or from a page', async () => {
    const port = new URL(server.url).port
    expect((await call('GET', '/health', {})).status).toBe(200)
    const rebound = await call('GET', '/health', { host: `rebind.evil.example:${port}` })
    expect(rebound.status).toBe(403)
    expect(rebound.text).toContain('DNS rebinding')
    expect((await call('GET', '/open311/v2/services.json', { host: `rebind.evil.example:${port}` })).status).toBe(403)
    expect(
      (await call('GET', '/open311/v2/requests.json', { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors' }))
        .status,
    ).toBe(403)
  })

  it('refuses sign-in and enrolment from a web page or by a rebound name, and spends nothing', async () => {
    const port = new URL(server.url).port
    const { code } = await server.admin.issueEnrolment('desk behind a hostile page')
    const body = JSON.stringify({ code })
    const json = { 'content-type': 'application/json' }
    const hostile: Record<string, string>[] = [
      { origin: 'http://127.0.0.1:8080' },
      { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors' },
      { host: `rebind.evil.example:${port}` },
    ]
    for (const headers of hostile) {
      const res = await call('POST', AUTH_PATHS.enrol, { ...json, ...headers }, body)
      expect(res.status, JSON.stringify(headers)).toBe(403)
    }
    // The one-time code was never read: the workstation itself can still enrol with it.
    const own = await call('POST', AUTH_PATHS.enrol, json, body)
    expect(own.status).toBe(200)
    expect(JSON.parse(own.text)).toMatchObject({ workstationId: expect.any(String) })
    const signIn = await call(
      'POST',
      AUTH_PATHS.signIn,
      { ...json, origin: 'http://127.0.0.1:8080' },
      JSON.stringify({ workstationId: 'w', workstationSecret: 'x'.repeat(16), username: 'u', password: 'p' }),
    )
    expect(signIn.status).toBe(403)
  })
})
