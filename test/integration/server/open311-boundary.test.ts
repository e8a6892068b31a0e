import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { citizenReportTitle, type Principal } from '@shared/domain'
import { DEMO_TOKENS } from '@shared/protocol'
import type { RunningServer } from '../../../src/server/index'
import { action, placeIn, quietServer, report, tempDir } from './helpers'

const KEY = 'boundary-test-key-0123456789'
/** A second client whose key allows a burst of three reports, then one a minute. */
const FLOOD_KEY = 'boundary-flood-key-0123456789'
const OPERATOR = DEMO_TOKENS.operator.principal

type ServiceRequest = Record<string, unknown> & { service_request_id: string }

/** Items 4 and 5 of the trust boundary: what Open311 takes, from whom, how often, and what it shows. */
describe('Open311 at the trust boundary', () => {
  const tmp = tempDir()
  let server: RunningServer
  const api = (path: string): string => `${server.url}/open311/v2/${path}`
  const post = (fields: Record<string, string>): Promise<Response> =>
    fetch(api('requests.json'), {
      method: 'POST',
      body: new URLSearchParams(fields),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
  const place = () => {
    const p = placeIn('henglan', 1)
    return { lat: String(p.lat), long: String(p.lng) }
  }

  beforeAll(async () => {
    server = await quietServer(tmp.dir, {
      // 40 requests in a burst from one address, then one a minute.
      open311Clients: [
        { key: KEY, client: 'partner', rate: { perMinute: 60, burst: 20 } },
        { key: FLOOD_KEY, client: 'flooder', rate: { perMinute: 1, burst: 3 } },
      ],
      open311AddressRate: { perMinute: 1, burst: 40 },
    })
  })
  afterAll(async () => {
    await server.close()
    tmp.remove()
  })

  it('takes reports only with a configured api_key, and a photo only as an http(s) URL', async () => {
    const before = server.incidentCount()
    for (const fields of [{}, { api_key: 'not-a-key-of-ours-at-all' }] as Record<string, string>[]) {
      const res = await post({ service_code: 'fire_safety', ...place(), ...fields })
      expect(res.status).toBe(403)
      expect(await res.json()).toEqual([{ code: 403, description: 'api_key is missing or not valid' }])
    }
    for (const media of ['javascript:alert(1)', 'file:///etc/passwd', 'data:image/png;base64,AAAA']) {
      const res = await post({ api_key: KEY, service_code: 'fire_safety', ...place(), media_url: media })
      expect(res.status).toBe(400)
      expect(JSON.stringify(await res.json())).toContain('media_url must be an http(s) URL')
    }
    expect(server.incidentCount()).toBe(before)
  })

  it('answers a malformed %-escape with 400, never 500', async () => {
    for (const path of ['requests/%E0%A4%A.json', 'requests/%zz.json', 'requests/ZS-%ff.json']) {
      const res = await fetch(api(path))
      expect(res.status).toBe(400)
      expect(await res.json()).toEqual([{ code: 400, description: expect.stringContaining('malformed %-escape') }])
    }
  })

  it('shows only citizen-sourced cases, with coarse location and no door address', async () => {
    // A grid worker's security report with exact coordinates, and a citizen's, both in Henglan.
    const field: Principal = DEMO_TOKENS.field.principal
    const secret = report({ ...placeIn('henglan'), category: 'public_security', address: '横栏镇某路8号302房' })
    expect((await server.submit(secret, field)).status).toBe('applied')
    const code = server.incident(secret.incidentId)?.code ?? ''
    const citizen: Principal = { actorId: 'open311:partner', name: '市民', role: 'citizen', towns: '*' }
    const own = report({
      ...placeIn('henglan'),
      lat: placeIn('henglan').lat + 0.00037,
      source: 'citizen_app',
      priority: 'normal',
      category: 'fire_safety',
      description: '楼道堆物',
      title: citizenReportTitle('fire_safety', '楼道堆物'),
      address: '横栏镇某路9号',
    })
    expect((await server.submit(own, citizen)).status).toBe('applied')
    const ownCode = server.incident(own.incidentId)?.code ?? ''

    const list = (await (await fetch(api('requests.json'))).json()) as ServiceRequest[]
    expect(list.map((r) => r.service_request_id)).toContain(ownCode)
    expect(list.map((r) => r.service_request_id)).not.toContain(code)
    expect((await fetch(api(`requests/${code}.json`))).status).toBe(404)
    expect(await (await fetch(api(`requests.json?service_request_id=${code},${ownCode}`))).json()).toHaveLength(1)

    const shown = list.find((r) => r.service_request_id === ownCode)
    const exact = server.incident(own.incidentId)
    expect(shown?.lat).toBe(Math.round((exact?.lat ?? 0) * 1000) / 1000)
    expect(shown?.lat).not.toBe(exact?.lat)
    expect(shown?.address).not.toContain('9号')
    expect(Object.keys(shown ?? {}).sort()).toEqual(
      [
        'address',
        'address_id',
        'agency_responsible',
        'attribute',
        'description',
        'expected_datetime',
        'lat',
        'long',
        'media_url',
        'requested_datetime',
        'service_code',
        'service_name',
        'service_notice',
        'service_request_id',
        'status',
        'status_notes',
        'updated_datetime',
        'zipcode',
      ].sort(),
    )

    // Merged into the worker's case: the public is told it was merged, not into what.
    expect(
      (await server.submit(action('merge', own.incidentId, 1, { duplicateOf: secret.incidentId }), OPERATOR)).status,
    ).toBe('applied')
    const merged = (await (await fetch(api(`requests/${ownCode}.json`))).json()) as ServiceRequest[]
    expect(merged[0]?.status_notes).toBe('重复上报，已合并')
    expect(JSON.stringify(merged)).not.toContain(code)
  })

  it('limits each api_key and each address with 429 and Retry-After, writing nothing over the limit', async () => {
    const before = server.incidentCount()
    const statuses: number[] = []
    let retryAfter: string | null = null
    for (let i = 0; i < 5; i++) {
      const res = await post({
        api_key: FLOOD_KEY,
        service_code: 'environment_sanitation',
        ...place(),
        description: `第${i}次`,
      })
      statuses.push(res.status)
      if (res.status === 429) {
        retryAfter = res.headers.get('retry-after')
        expect(JSON.stringify(await res.json())).toContain('for this api_key')
      } else await res.arrayBuffer()
    }
    expect(statuses).toEqual([201, 201, 201, 429, 429])
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1)
    expect(server.incidentCount()).toBe(before + 3)

    // The address's own bucket (40 in a burst) runs out too, for reads as for reports.
    let res: Response
    let sent = 0
    do {
      res = await fetch(api('services.json'))
      sent++
      if (res.status !== 429) await res.arrayBuffer()
    } while (res.status !== 429 && sent < 100)
    expect(res.status).toBe(429)
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect(JSON.stringify(await res.json())).toContain('from this address')
    expect(sent).toBeLessThanOrEqual(40)
  })
})

describe('Open311 without configured clients', () => {
  it('reads, but refuses every report for want of an api_key', async () => {
    const tmp = tempDir()
    const server = await quietServer(tmp.dir)
    try {
      const res = await fetch(`${server.url}/open311/v2/requests.json`, {
        method: 'POST',
        body: new URLSearchParams({
          api_key: 'anything-at-all-123',
          service_code: 'fire_safety',
          lat: '22.5',
          long: '113.3',
        }),
      })
      expect(res.status).toBe(403)
      expect(JSON.stringify(await res.json())).toContain('no api_key is configured')
      expect((await fetch(`${server.url}/open311/v2/services.json`)).status).toBe(200)
      expect(server.incidentCount()).toBe(0)
    } finally {
      await server.close()
      tmp.remove()
    }
  })
})

describe('Open311 behind a reverse proxy', () => {
  /** Requests until the first 429, as one client behind the proxy sends them. */
  async function untilRefused(url: string, forwardedFor: string): Promise<number> {
    for (let sent = 1; sent <= 20; sent++) {
      const res = await fetch(url, { headers: { 'x-forwarded-for': forwardedFor } })
      await res.arrayBuffer()
      if (res.status === 429) return sent
    }
    return Infinity
  }

  it('limits each client by its forwarded address when told to trust the proxy, and ignores the header otherwise', async () => {
    const tmp = tempDir()
    const trusting = await quietServer(`${tmp.dir}/trusting`, {
      trustProxy: true,
      open311AddressRate: { perMinute: 1, burst: 3 },
    })
    const direct = await quietServer(`${tmp.dir}/direct`, { open311AddressRate: { perMinute: 1, burst: 3 } })
    try {
      // Every request reaches the server from the proxy's address (loopback here).
      const services = (s: RunningServer) => `${s.url}/open311/v2/services.json`
      expect(await untilRefused(services(trusting), '203.0.113.7')).toBe(4)
      // Another citizen behind the same proxy has a bucket of their own.
      expect(await untilRefused(services(trusting), '198.51.100.20')).toBe(4)
      // Without --trust-proxy the header is anyone's claim: a flooder cannot dodge the limit with it.
      expect(await untilRefused(services(direct), '203.0.113.7')).toBe(4)
      expect(await untilRefused(services(direct), '198.51.100.20')).toBe(1)
    } finally {
      await trusting.close()
      await direct.close()
      tmp.remove()
    }
  })
})
