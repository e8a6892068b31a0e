import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import type { z } from 'zod'
import {
  AUTH_PATHS,
  authErrorSchema,
  enrolReplySchema,
  sessionReplySchema,
  type AuthErrorCode,
  type EnrolReply,
  type RefreshRequest,
  type ResumeRequest,
  type SessionReply,
  type SignInRequest,
  type SignOutRequest,
} from '@shared/protocol'
import { ServerEndpoints } from '../sync/server-endpoints'

/** The server answered and said no (wrong password, locked, revoked…). */
export class AuthRefused extends Error {
  constructor(
    readonly code: AuthErrorCode,
    message: string,
    readonly retryAfterSeconds: number | null,
  ) {
    super(message)
    this.name = 'AuthRefused'
  }
}

/** The server could not be reached or gave no usable answer: the link is down, not the person refused. */
export class ServerUnreachable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'ServerUnreachable'
  }
}

/**
 * The workstation's side of the auth endpoints (docs/protocol.md §1): JSON over
 * HTTP(S) to the central server, trusting a private CA when one is configured.
 * Secrets go in bodies only, never in URLs; nothing here logs.
 */
/** Connection errors that prove the request never reached the server: safe to send to another node. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN'])

export class AuthClient {
  private readonly endpoints: ServerEndpoints

  constructor(
    server: ServerEndpoints | string,
    private readonly ca: string | null = null,
    private readonly timeoutMs = 10_000,
  ) {
    this.endpoints = typeof server === 'string' ? new ServerEndpoints([server]) : server
  }

  enrol(code: string): Promise<EnrolReply> {
    return this.post(AUTH_PATHS.enrol, { code }, enrolReplySchema)
  }

  signIn(req: SignInRequest): Promise<SessionReply> {
    return this.post(AUTH_PATHS.signIn, req, sessionReplySchema) as Promise<SessionReply>
  }

  refresh(req: RefreshRequest): Promise<SessionReply> {
    return this.post(AUTH_PATHS.refresh, req, sessionReplySchema) as Promise<SessionReply>
  }

  resume(req: ResumeRequest): Promise<SessionReply> {
    return this.post(AUTH_PATHS.resume, req, sessionReplySchema) as Promise<SessionReply>
  }

  async signOut(req: SignOutRequest): Promise<void> {
    await this.raw(AUTH_PATHS.signOut, req)
  }

  private async post<S extends z.ZodType>(path: string, body: unknown, schema: S): Promise<z.output<S>> {
    const value = await this.raw(path, body)
    const parsed = schema.safeParse(value)
    if (!parsed.success) throw new ServerUnreachable(`unexpected answer from ${path}`)
    return parsed.data
  }

  /**
   * One request to the address in use; when it cannot even connect there, the next address of the
   * cluster gets it (a request that may have arrived — a timeout, a 5xx — is never sent twice).
   */
  private async raw(path: string, body: unknown): Promise<unknown> {
    for (let tried = 1; ; tried++) {
      try {
        return await this.once(this.endpoints.current, path, body)
      } catch (err) {
        const code = (err instanceof ServerUnreachable && (err.cause as { code?: unknown } | undefined)?.code) || null
        if (tried >= this.endpoints.urls.length || typeof code !== 'string' || !NOT_CONNECTED.has(code)) throw err
        this.endpoints.skip()
      }
    }
  }

  private once(baseUrl: string, path: string, body: unknown): Promise<unknown> {
    const url = new URL(path, baseUrl)
    const text = JSON.stringify(body)
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) },
          timeout: this.timeoutMs,
          ...(url.protocol === 'https:' && this.ca ? { ca: this.ca } : {}),
        },
        (res) => {
          const parts: Buffer[] = []
          res.on('data', (c: Buffer) => parts.push(c))
          res.on('error', (err) => reject(new ServerUnreachable(err.message, { cause: err })))
          res.on('end', () => {
            let json: unknown
            try {
              json = JSON.parse(Buffer.concat(parts).toString('utf8'))
            } catch {
              return reject(new ServerUnreachable(`HTTP ${res.statusCode} without JSON from ${path}`))
            }
            if (res.statusCode === 200) return resolve(json)
            const error = authErrorSchema.safeParse(json)
            if (error.success && (res.statusCode ?? 500) < 500) {
              const e = error.data.error
              return reject(new AuthRefused(e.code, e.message, e.retryAfterSeconds ?? null))
            }
            reject(new ServerUnreachable(`HTTP ${res.statusCode} from ${path}`))
          })
        },
      )
      req.on('timeout', () => req.destroy(new Error('timed out')))
      req.on('error', (err) => reject(new ServerUnreachable(err.message, { cause: err })))
      req.end(text)
    })
  }
}
