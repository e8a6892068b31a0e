import type { IncomingMessage, ServerResponse } from 'node:http'
import type { z } from 'zod'
import {
  AUTH_BODY_BYTES,
  AUTH_ERROR_STATUS,
  AUTH_PATHS,
  enrolRequestSchema,
  refreshRequestSchema,
  resumeRequestSchema,
  signInRequestSchema,
  signOutRequestSchema,
  type AuthError,
} from '@shared/protocol'
import { AuthFailure } from '../auth/auth-failure'
import type { AuthService } from '../auth/auth-service'
import { HttpError, readBody } from './body'
import { clientAddress } from './client-address'

export const AUTH_PREFIX = '/auth/'

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  // Tokens travel in these bodies: never cached by anything in between.
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers })
  res.end(JSON.stringify(body))
}

function fail(res: ServerResponse, failure: AuthFailure): void {
  const body: AuthError = {
    error: {
      code: failure.code,
      message: failure.message,
      ...(failure.retryAfterSeconds ? { retryAfterSeconds: failure.retryAfterSeconds } : {}),
    },
  }
  send(
    res,
    AUTH_ERROR_STATUS[failure.code],
    body,
    failure.retryAfterSeconds ? { 'retry-after': String(failure.retryAfterSeconds) } : {},
  )
}

/**
 * POST /auth/v1/{enrol,sign-in,refresh,sign-out,resume}: JSON in, JSON out
 * (docs/protocol.md §1). Bodies are validated; secrets in them are never
 * logged; every answer is `no-store`.
 */
export function authHandler(auth: AuthService, options: { trustProxy: boolean }) {
  const routes: Record<string, (body: unknown, address: string) => Promise<unknown>> = {
    [AUTH_PATHS.enrol]: (b, a) => auth.enrol(parse(enrolRequestSchema, b), a),
    [AUTH_PATHS.signIn]: (b, a) => auth.signIn(parse(signInRequestSchema, b), a),
    [AUTH_PATHS.refresh]: (b, a) => auth.refresh(parse(refreshRequestSchema, b), a),
    [AUTH_PATHS.signOut]: async (b, a) => {
      await auth.signOut(parse(signOutRequestSchema, b), a)
      return { signedOut: true }
    },
    [AUTH_PATHS.resume]: (b, a) => auth.resume(parse(resumeRequestSchema, b), a),
  }
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0] ?? '/'
    const route = Object.hasOwn(routes, path) ? routes[path] : undefined
    if (!route) return send(res, 404, { error: { code: 'invalid_request', message: `no endpoint ${path}` } })
    if (req.method !== 'POST')
      return send(res, 405, { error: { code: 'invalid_request', message: 'use POST' } }, { allow: 'POST' })
    try {
      const text = await readBody(req, AUTH_BODY_BYTES)
      let body: unknown
      try {
        body = JSON.parse(text)
      } catch {
        throw new AuthFailure('invalid_request', 'the body must be JSON')
      }
      send(res, 200, await route(body, clientAddress(req, options.trustProxy)))
    } catch (err) {
      if (err instanceof AuthFailure) return fail(res, err)
      if (err instanceof HttpError)
        return send(res, err.status, { error: { code: 'invalid_request', message: err.message } })
      // Never echo the request (it may hold a password): a generic message only.
      send(res, 503, { error: { code: 'invalid_request', message: 'the server could not answer; try again' } })
    }
  }
}

function parse<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const parsed = schema.safeParse(body)
  if (!parsed.success) {
    const where = parsed.error.issues
      .slice(0, 3)
      .map((i) => i.path.join('.') || '(body)')
      .join(', ')
    throw new AuthFailure('invalid_request', `invalid fields: ${where}`)
  }
  return parsed.data
}
