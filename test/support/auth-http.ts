import type { Principal } from '@shared/domain'
import { AUTH_PATHS, type SessionReply } from '@shared/protocol'
import type { RunningServer } from '../../src/server/index'

export interface Reply<T = Record<string, unknown>> {
  readonly status: number
  readonly body: T
  readonly headers: Headers
}

/** POSTs JSON to one of the server's auth endpoints, as a workstation does. */
export async function post<T = Record<string, unknown>>(base: string, path: string, body: unknown): Promise<Reply<T>> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  return { status: res.status, body: (await res.json()) as T, headers: res.headers }
}

export interface EnrolledSeat {
  readonly workstationId: string
  readonly workstationSecret: string
}

/** A workstation enrolled the way an administrator and the workstation do it (one-time code → credential). */
export async function enrolSeat(server: RunningServer, name = 'desk'): Promise<EnrolledSeat> {
  const { code } = await server.admin.issueEnrolment(name)
  const r = await post<{ workstationId: string; workstationSecret: string }>(server.url, AUTH_PATHS.enrol, { code })
  if (r.status !== 200) throw new Error(`enrol failed: ${JSON.stringify(r.body)}`)
  return { workstationId: r.body.workstationId, workstationSecret: r.body.workstationSecret }
}

export const TEST_PASSWORD = 'correct horse battery'

/** An account for `principal` with TEST_PASSWORD (unless it exists). */
export async function ensureAccount(
  server: RunningServer,
  principal: Principal,
  password = TEST_PASSWORD,
): Promise<void> {
  if ((await server.admin.listUsers()).some((a) => a.principal.actorId === principal.actorId)) return
  await server.admin.addUser({
    id: principal.actorId,
    name: principal.name,
    role: principal.role as 'operator',
    towns: principal.towns,
    ...(principal.unit ? { unit: principal.unit } : {}),
    password,
  })
}

export async function signIn(
  server: RunningServer,
  seat: EnrolledSeat,
  username: string,
  password = TEST_PASSWORD,
): Promise<Reply<SessionReply>> {
  return post<SessionReply>(server.url, AUTH_PATHS.signIn, { ...seat, username, password })
}
