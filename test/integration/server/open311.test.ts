import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Principal } from '@shared/domain'
import { DEMO_TOKENS } from '@shared/protocol'
import type { RunningServer } from '../../../src/server/index'
import { action, districtComponents, quietServer, tempDir } from './helpers'

/** The api_key this suite's Open311 client posts with. */
const KEY = 'open311-test-key-0123456789'

describe('Open311 GeoReport v2 intake', () => {
  const tmp = tempDir()
  let server: RunningServer
  const api = (path: string): string => `${server.url}/open311/v2/${path}`

  beforeAll(async () => {
    // Limits well above what the suite sends: open311-boundary.test.ts is about them.
    server = await quietServer(tmp.dir, {
      open311Clients: [{ key: KEY, client: 'qr-app', rate: { perMinute: 600, burst: 100 } }],
      open311AddressRate: { perMinute: 600, burst: 100 },
    })
  })
  afterAll(async () => {
    await server.close()
    tmp.remove()
  })

  it('lists services with the standard fields', async () => {
    const res = await fetch(api('services.json'))
    expect(res.status).toBe(200)
    const services = (await res.json()) as Record<string, unknown>[]
    expect(services.map((s) => s.service_code)).toContain('city_components')
    expect(services[0]).toEqual(
      expect.objectContaining({
        service_code: expect.any(String),
        service_name: expect.any(String),
        metadata: true,
        type: 'realtime',
        group: expect.any(String),
      }),
    )
    const def = (await (await fetch(api('services/city_components.json'))).json()) as { attributes: { code: string }[] }
    expect(def.attributes.map((a) => a.code)).toEqual(['component_id'])
  })

  it('takes a citizen QR report by POST and returns it by GET with the standard fields, through to closure', async () => {
    const lamp = districtComponents().find((c) => c.townId === 'henglan' && c.kind === 'streetlight')
    if (!lamp) throw new Error('no streetlight in henglan')
    const component = lamp.id
    const body = new URLSearchParams({
      api_key: KEY,
      service_code: 'city_components',
      'attribute[component_id]': component,
      description: '路灯整晚不亮',
      media_url: 'https://example.org/photo/123.jpg',
      address_string: '横栏镇新茂工业区路口',
    })
    const post = await fetch(api('requests.json'), {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(post.status).toBe(201)
    const [created] = (await post.json()) as { service_request_id: string; service_notice: string }[]
    expect(created?.service_request_id).toMatch(/^ZS-\d{6}-\d{6}$/)
    const id = created!.service_request_id

    const get = async (): Promise<Record<string, unknown>> => {
      const res = await fetch(api(`requests/${id}.json`))
      expect(res.status).toBe(200)
      const list = (await res.json()) as Record<string, unknown>[]
      expect(list).toHaveLength(1)
      return list[0]!
    }
    const open = await get()
    expect(open).toMatchObject({
      service_request_id: id,
      status: 'open',
      service_code: 'city_components',
      description: '路灯整晚不亮',
      agency_responsible: null,
      expected_datetime: null,
      media_url: 'https://example.org/photo/123.jpg',
      attribute: { component_id: component },
      // Coarse: about 100 m, and the community rather than the door.
      lat: Math.round(lamp.lat * 1000) / 1000,
      long: Math.round(lamp.lng * 1000) / 1000,
    })
    expect(open.address).toMatch(/^横栏镇/)
    expect(open.address).not.toContain('新茂工业区路口')
    expect(open.requested_datetime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/)
    expect(typeof open.status_notes).toBe('string')

    // The report is an ordinary incident: the command room carries it through to closure.
    const incidentId = server.findByCode(id)?.id ?? ''
    expect(server.incident(incidentId)).toMatchObject({
      source: 'citizen_qr',
      componentId: component,
      townId: 'henglan',
      address: '横栏镇新茂工业区路口',
      reporterId: 'open311:qr-app',
    })
    const op = DEMO_TOKENS.operator.principal
    // The handling department acts only on cases dispatched to it (not_assignee otherwise).
    const urbanAdmin: Principal = {
      actorId: 'dept-urban_admin',
      name: '综合行政执法',
      role: 'department',
      towns: '*',
      unit: { kind: 'department', id: 'urban_admin' },
    }
    // The grid worker of the lamp's grid checks on site (a worker verifies only in their own grid).
    const worker = server.reference.workers.find((w) => w.gridId === lamp.gridId)
    if (!worker) throw new Error(`no worker in grid ${lamp.gridId}`)
    const verifier = { actorId: worker.id, name: worker.name, role: 'field', towns: [worker.townId] } as const
    const steps = [
      [action('accept', incidentId, 1, {}), op],
      [action('dispatch', incidentId, 2, { assignee: { kind: 'department', id: 'urban_admin' } }), op],
      [action('acknowledge', incidentId, 3, {}), urbanAdmin],
      [action('resolve', incidentId, 4, { feedback: '已更换灯具' }), urbanAdmin],
      [action('verify', incidentId, 5, {}), verifier],
      [action('close', incidentId, 6, {}), op],
    ] as const
    for (const [command, who] of steps) expect((await server.submit(command, who)).status).toBe('applied')
    const closed = await get()
    expect(closed).toMatchObject({ status: 'closed', agency_responsible: '综合行政执法', status_notes: '已办结' })
    expect(closed.expected_datetime).toMatch(/\+08:00$/)
    expect(Date.parse(closed.updated_datetime as string)).toBeGreaterThanOrEqual(
      Date.parse(closed.requested_datetime as string),
    )

    const byQuery = (await (await fetch(api(`requests.json?service_request_id=${id}`))).json()) as Record<
      string,
      unknown
    >[]
    expect(byQuery).toEqual([closed])
    const closedList = (await (
      await fetch(api('requests.json?status=closed&service_code=city_components'))
    ).json()) as { service_request_id: string }[]
    expect(closedList.map((r) => r.service_request_id)).toContain(id)
    const openList = (await (await fetch(api('requests.json?status=open'))).json()) as { service_request_id: string }[]
    expect(openList.map((r) => r.service_request_id)).not.toContain(id)
  })

  it('accepts JSON bodies and lat/long without a component', async () => {
    const res = await fetch(api('requests.json'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        api_key: KEY,
        service_code: 'environment_sanitation',
        lat: server.reference.towns[0]!.lat,
        long: server.reference.towns[0]!.lng,
        description: '垃圾堆积',
      }),
    })
    expect(res.status).toBe(201)
  })

  it('returns exactly the lat and long that were posted, form-encoded or JSON', async () => {
    // Full-precision coordinates near several town centres: any rounding, swap or mix-up shows.
    const points = server.reference.towns.slice(0, 4).map((t, i) => ({
      lat: Number((t.lat + 0.000123456789 * (i + 1)).toFixed(9)),
      long: Number((t.lng - 0.000098765432 * (i + 1)).toFixed(9)),
    }))
    for (const [i, p] of points.entries()) {
      const asJson = i % 2 === 1
      const fields = { api_key: KEY, service_code: 'environment_sanitation', lat: String(p.lat), long: String(p.long) }
      const res = await fetch(api('requests.json'), {
        method: 'POST',
        headers: { 'content-type': asJson ? 'application/json' : 'application/x-www-form-urlencoded' },
        body: asJson ? JSON.stringify({ ...fields, lat: p.lat, long: p.long }) : new URLSearchParams(fields),
      })
      expect(res.status).toBe(201)
      const [created] = (await res.json()) as { service_request_id: string }[]
      const id = created!.service_request_id
      const [one] = (await (await fetch(api(`requests/${id}.json`))).json()) as { lat: unknown; long: unknown }[]
      // The public sees the place coarse (docs/protocol.md: 3 decimals, ~100 m): a swap or other rounding shows.
      const coarse = { lat: Math.round(p.lat * 1000) / 1000, long: Math.round(p.long * 1000) / 1000 }
      expect({ lat: one?.lat, long: one?.long }).toEqual(coarse)
      const [listed] = (await (await fetch(api(`requests.json?service_request_id=${id}`))).json()) as {
        lat: unknown
        long: unknown
      }[]
      expect({ lat: listed?.lat, long: listed?.long }).toEqual(coarse)
    }
  })

  it('answers bad requests in the standard error format', async () => {
    const bad = async (res: Response, code: number): Promise<void> => {
      expect(res.status).toBe(code)
      const body = (await res.json()) as { code: number; description: string }[]
      expect(body).toEqual([{ code, description: expect.any(String) }])
    }
    const form = (fields: Record<string, string>): RequestInit => ({
      method: 'POST',
      body: new URLSearchParams({ api_key: KEY, ...fields }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    await bad(
      await fetch(api('requests.json'), form({ description: 'no service code', lat: '22.5', long: '113.3' })),
      400,
    )
    await bad(
      await fetch(api('requests.json'), form({ service_code: 'no_such_service', lat: '22.5', long: '113.3' })),
      400,
    )
    await bad(await fetch(api('requests.json'), form({ service_code: 'fire_safety' })), 400)
    await bad(await fetch(api('requests.json'), form({ service_code: 'fire_safety', lat: '40', long: '116.4' })), 400)
    await bad(
      await fetch(api('requests.json'), form({ service_code: 'fire_safety', 'attribute[component_id]': 'nope' })),
      400,
    )
    await bad(
      await fetch(api('requests.json'), {
        method: 'POST',
        body: '{not json',
        headers: { 'content-type': 'application/json' },
      }),
      400,
    )
    await bad(
      await fetch(api('requests.json'), form({ service_code: 'fire_safety', description: 'x'.repeat(70_000) })),
      413,
    )
    await bad(await fetch(api('requests/ZS-000000-999999.json')), 404)
    await bad(await fetch(api('requests.json?status=maybe')), 400)
    await bad(await fetch(api('requests.json?start_date=yesterday')), 400)
    await bad(await fetch(api('services.xml')), 400)
    await bad(await fetch(api('nothing-here.json')), 404)
    // Still serving.
    expect((await fetch(api('services.json'))).status).toBe(200)
  })
})
