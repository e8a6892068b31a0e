import { readFileSync } from 'node:fs'
import { z } from 'zod'
import type { RateSpec } from './rate-limit'

/**
 * An Open311 client (an app or a partner's system) and its api_key, as GeoReport
 * v2 provides: POSTs must carry the key; each key has its own rate limit. Kept
 * in a JSON file given to the server with --open311-keys-file.
 */
export interface Open311Client {
  /** The api_key the client sends (at least 16 characters). */
  readonly key: string
  /** Short name, recorded as the reporter `open311:<client>`. */
  readonly client: string
  readonly rate: RateSpec
}

const clientSchema = z.object({
  key: z.string().min(16).max(256),
  client: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,47}$/, 'letters, digits, - and _ (at most 48)'),
  perMinute: z.number().int().positive().max(6000).default(30),
  burst: z.number().int().positive().max(1000).default(10),
})

export const open311ClientsSchema = z.array(clientSchema).superRefine((list, ctx) => {
  const keys = new Set<string>()
  for (const [i, c] of list.entries()) {
    if (keys.has(c.key)) ctx.addIssue({ code: 'custom', path: [i, 'key'], message: 'api_key used twice' })
    keys.add(c.key)
  }
})

export function parseOpen311Clients(value: unknown): Open311Client[] {
  return open311ClientsSchema
    .parse(value)
    .map((c) => ({ key: c.key, client: c.client, rate: { perMinute: c.perMinute, burst: c.burst } }))
}

/** Reads --open311-keys-file: `[{ "key": "…", "client": "wechat", "perMinute": 30, "burst": 10 }]`. */
export function readOpen311Clients(file: string): Open311Client[] {
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'))
  } catch (err) {
    throw new Error(`--open311-keys-file ${file}: ${err instanceof Error ? err.message : String(err)}`, { cause: err })
  }
  const parsed = open311ClientsSchema.safeParse(raw)
  if (!parsed.success)
    throw new Error(
      `--open311-keys-file ${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    )
  return parseOpen311Clients(raw)
}

/** Requests one address may make to Open311 (reads and reports together). */
export const ADDRESS_RATE: RateSpec = { perMinute: 60, burst: 20 }
