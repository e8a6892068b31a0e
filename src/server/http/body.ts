import type { IncomingMessage } from 'node:http'

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Extra response headers (Retry-After on a 429). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message)
  }
}

/** decodeURIComponent that answers a malformed %-escape with a 400 instead of throwing URIError. */
export function decodePathPart(part: string): string {
  try {
    return decodeURIComponent(part)
  } catch {
    throw new HttpError(400, `malformed %-escape in ${JSON.stringify(part.slice(0, 80))}`)
  }
}

/** Reads a request body up to `limit` bytes; a bigger one is refused with 413. */
export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = []
    let size = 0
    let over = false
    req.on('data', (chunk: Buffer) => {
      if (over) {
        // Drain the rest so the 413 reply can be read, but not forever.
        if ((size += chunk.length) > limit * 16) req.destroy()
        return
      }
      size += chunk.length
      if (size > limit) {
        over = true
        parts.length = 0
        reject(new HttpError(413, `request body over ${limit} bytes`))
        return
      }
      parts.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')))
    req.on('error', reject)
  })
}

/** Form (application/x-www-form-urlencoded, the standard's encoding) or JSON into flat string fields. */
export function parseFields(body: string, contentType: string | undefined): Map<string, string> {
  const fields = new Map<string, string>()
  if (contentType?.includes('application/json')) {
    let value: unknown
    try {
      value = JSON.parse(body)
    } catch {
      throw new HttpError(400, 'body is not valid JSON')
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new HttpError(400, 'body must be a JSON object')
    for (const [k, v] of Object.entries(value)) {
      if (k === 'attribute' && typeof v === 'object' && v !== null) {
        for (const [ak, av] of Object.entries(v))
          if (typeof av === 'string' || typeof av === 'number') fields.set(`attribute[${ak}]`, String(av))
      } else if (typeof v === 'string' || typeof v === 'number') fields.set(k, String(v))
    }
    return fields
  }
  for (const [k, v] of new URLSearchParams(body)) fields.set(k, v)
  return fields
}
