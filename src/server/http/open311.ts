import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { z } from 'zod'
import {
  CATEGORY_IDS,
  citizenReportTitle,
  isCitizenSource,
  isOpen,
  type CategoryId,
  type Command,
  type Incident,
  type Principal,
} from '@shared/domain'
import type { CommandProcessor } from '../commands/command-processor'
import { gridAt, type GeneratedReference } from '../reference/generate'
import { decodePathPart, HttpError, parseFields, readBody } from './body'
import { clientAddress } from './client-address'
import { ADDRESS_RATE, type Open311Client } from './open311-clients'
import { serviceDefinition, serviceRequest, services } from './open311-format'
import { RateLimiter, type RateSpec } from './rate-limit'

export const OPEN311_PREFIX = '/open311/v2/'
const BODY_LIMIT = 64 * 1024
const MAX_RESULTS = 1000
const DEFAULT_WINDOW_MS = 90 * 24 * 3_600_000

/** Who an Open311 client's reports are from: a citizen, recorded per client. */
function citizenOf(client: Open311Client): Principal {
  return { actorId: `open311:${client.client}`, name: `市民（Open311 ${client.client}）`, role: 'citizen', towns: '*' }
}

export interface Open311Deps {
  readonly processor: CommandProcessor
  readonly reference: GeneratedReference
  /** Clients allowed to POST, by api_key; none: the intake takes no reports. */
  readonly clients: readonly Open311Client[]
  /** Every request from one address (default ADDRESS_RATE). */
  readonly addressRate?: RateSpec
  /** Behind a trusted reverse proxy: the address is X-Forwarded-For's last hop, not the proxy's. */
  readonly trustProxy?: boolean
  readonly clock?: () => number
}

const postSchema = z.object({
  service_code: z.enum(CATEGORY_IDS, { message: 'unknown service_code' }),
  lat: z.coerce.number().min(-90).max(90).optional(),
  long: z.coerce.number().min(-180).max(180).optional(),
  address_string: z.string().trim().max(300).optional(),
  description: z.string().trim().max(4000).optional(),
  media_url: z
    .url({ protocol: /^https?$/, message: 'media_url must be an http(s) URL' })
    .max(500)
    .optional(),
  component_id: z.string().trim().min(1).max(64).optional(),
})

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  })
  res.end(text)
}

/** The standard's error format: an array of { code, description }. */
function sendError(res: ServerResponse, err: HttpError): void {
  send(res, err.status, [{ code: err.status, description: err.message }], { ...err.headers })
}

function tooMany(seconds: number, what: string): HttpError {
  return new HttpError(429, `too many requests ${what}: retry after ${seconds} s`, { 'retry-after': String(seconds) })
}

function parseDate(value: string | null, name: string): number | null {
  if (value === null || value === '') return null
  const t = Date.parse(value)
  if (Number.isNaN(t)) throw new HttpError(400, `${name} is not a valid ISO 8601 date`)
  return t
}

/**
 * Citizen intake over Open311 GeoReport v2 (JSON only): services, service
 * definitions, posting a request (which becomes a `report` command through the
 * same path as every other), and reading requests back by id or by query.
 */
export function open311Handler(deps: Open311Deps): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const { processor, reference } = deps
  const limits = new RateLimiter(deps.clock)
  const addressRate = deps.addressRate ?? ADDRESS_RATE
  const byKey = new Map(deps.clients.map((c) => [c.key, c]))
  const byComponent = new Map(reference.components.flatMap((c) => [[c.id, c] as const, [c.qrCode, c] as const]))
  // The public sees citizens' own reports only: no grid worker's security or rental-housing case, no hotline notes.
  const visible = (i: Incident | null): Incident | null => (i && isCitizenSource(i.source) ? i : null)
  const codeOf = (id: string): string | null => visible(processor.get(id))?.code ?? null
  const byCode = (code: string): Incident | null => visible(processor.byCode(code) ?? processor.get(code))

  async function post(req: IncomingMessage, url: URL, res: ServerResponse): Promise<void> {
    const fields = parseFields(await readBody(req, BODY_LIMIT), req.headers['content-type'])
    const key = fields.get('api_key') ?? url.searchParams.get('api_key')
    const client = key ? byKey.get(key) : undefined
    if (!client)
      throw new HttpError(
        403,
        deps.clients.length === 0
          ? 'this server takes no Open311 reports (no api_key is configured)'
          : 'api_key is missing or not valid',
      )
    const wait = limits.take(`key:${client.key}`, client.rate)
    if (wait !== null) throw tooMany(wait, `for this api_key`)
    fields.delete('api_key')
    const raw = Object.fromEntries(
      [...fields].map(([k, v]) => [k === 'attribute[component_id]' ? 'component_id' : k, v]),
    )
    const parsed = postSchema.safeParse(raw)
    if (!parsed.success)
      throw new HttpError(400, parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '))
    const f = parsed.data
    const component = f.component_id ? byComponent.get(f.component_id) : undefined
    if (f.component_id && !component)
      throw new HttpError(400, `attribute[component_id]: unknown component ${f.component_id}`)
    let lng = f.long
    let lat = f.lat
    let gridId: string | null = null
    if (component) {
      lng ??= component.lng
      lat ??= component.lat
      gridId = component.gridId
    }
    if (lat === undefined || lng === undefined)
      throw new HttpError(400, 'a location is required: lat and long, or attribute[component_id]')
    gridId ??= gridAt(reference, lng, lat)
    if (!gridId) throw new HttpError(400, 'lat/long is outside the district')
    const grid = reference.data.grids.find((g) => g.id === gridId)
    if (!grid) throw new HttpError(400, 'lat/long is outside the district')
    const code = f.service_code as CategoryId
    const description = f.description ?? ''
    const command: Command = {
      commandId: randomUUID(),
      type: 'report',
      incidentId: randomUUID(),
      expectedVersion: null,
      issuedAt: Date.now(),
      payload: {
        title: citizenReportTitle(code, description),
        description,
        category: code,
        priority: 'normal',
        source: component ? 'citizen_qr' : 'citizen_app',
        townId: grid.townId,
        gridId: grid.id,
        componentId: component?.id ?? null,
        lat,
        lng,
        address: f.address_string || component?.address || grid.name,
        ...(f.media_url ? { mediaUrl: f.media_url } : {}),
      },
    }
    const reply = await processor.submit({ command, principal: citizenOf(client), workstationId: null })
    if (reply.status === 'rejected') throw new HttpError(reply.code === 'unavailable' ? 503 : 400, reply.message)
    const incident = processor.get(reply.incidentId)
    send(res, 201, [
      {
        service_request_id: incident?.code ?? reply.incidentId,
        service_notice: '已受理上报，可凭编号查询进度',
        account_id: null,
      },
    ])
  }

  function list(url: URL, res: ServerResponse): void {
    const q = url.searchParams
    const ids = q.get('service_request_id')
    if (ids) {
      const found = ids
        .split(',')
        .map((s) => byCode(s.trim()))
        .filter((i): i is Incident => i !== null)
      send(
        res,
        200,
        found.map((i) => serviceRequest(i, reference.data, codeOf)),
      )
      return
    }
    const codes = q.get('service_code')?.split(',').filter(Boolean) ?? null
    const status = q.get('status')?.split(',').filter(Boolean) ?? null
    if (status?.some((s) => s !== 'open' && s !== 'closed'))
      throw new HttpError(400, 'status must be open and/or closed')
    const end = parseDate(q.get('end_date'), 'end_date') ?? Date.now()
    const start = parseDate(q.get('start_date'), 'start_date') ?? end - DEFAULT_WINDOW_MS
    const out: Incident[] = []
    for (const i of processor.all()) {
      if (!isCitizenSource(i.source)) continue
      if (i.reportedAt < start || i.reportedAt > end) continue
      if (codes && !codes.includes(i.category)) continue
      if (status && !status.includes(isOpen(i) ? 'open' : 'closed')) continue
      out.push(i)
    }
    out.sort((a, b) => b.reportedAt - a.reportedAt)
    send(
      res,
      200,
      out.slice(0, MAX_RESULTS).map((i) => serviceRequest(i, reference.data, codeOf)),
    )
  }

  return async (req, res) => {
    try {
      const wait = limits.take(`addr:${clientAddress(req, deps.trustProxy ?? false)}`, addressRate)
      if (wait !== null) throw tooMany(wait, 'from this address')
      const url = new URL(req.url ?? '/', 'http://localhost')
      const path = url.pathname.slice(OPEN311_PREFIX.length)
      if (path.endsWith('.xml')) throw new HttpError(400, 'only the JSON format is supported')
      const method = req.method ?? 'GET'
      if (path === 'services.json') {
        if (method !== 'GET') throw new HttpError(405, 'method not allowed')
        return send(res, 200, services())
      }
      const service = /^services\/([a-z_]+)\.json$/.exec(path)
      if (service) {
        if (!(CATEGORY_IDS as readonly string[]).includes(service[1] ?? ''))
          throw new HttpError(404, `no service ${service[1]}`)
        return send(res, 200, serviceDefinition(service[1] as CategoryId))
      }
      if (path === 'requests.json') {
        if (method === 'POST') return await post(req, url, res)
        if (method === 'GET') return list(url, res)
        throw new HttpError(405, 'method not allowed')
      }
      const one = /^requests\/([^/]+)\.json$/.exec(path)
      if (one) {
        if (method !== 'GET') throw new HttpError(405, 'method not allowed')
        const incident = byCode(decodePathPart(one[1] ?? ''))
        if (!incident) throw new HttpError(404, `no service request ${one[1]}`)
        return send(res, 200, [serviceRequest(incident, reference.data, codeOf)])
      }
      throw new HttpError(404, `no such resource ${url.pathname}`)
    } catch (err) {
      sendError(res, err instanceof HttpError ? err : new HttpError(500, 'internal error'))
    }
  }
}
