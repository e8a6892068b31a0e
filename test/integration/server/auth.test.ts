import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { AUTH_PATHS, DEMO_TOKENS, MSG, type CommandReply, type Problem, type SessionReply } from '@shared/protocol'
import type { RunningServer } from '../../../src/server/index'
import { storeFor } from '../../support/test-store'
import { ensureAccount, enrolSeat, post, signIn, TEST_PASSWORD } from '../../support/auth-http'
import { action, client, placeIn, quietServer, report, send, sync, tempDir, type ClientSocket } from './helpers'

const root = join(import.meta.dirname, '../../..')
const OPERATOR = DEMO_TOKENS.operator.principal
const HENGLAN = DEMO_TOKENS.henglanOperator.principal

let server: RunningServer | null = null
const sockets: ClientSocket[] = []
const dirs: (() => void)[] = []
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close()
  await server?.close()
  server = null
  for (const remove of dirs.splice(0)) remove()
})

let lastDir = ''
async function start(extra: Parameters<typeof quietServer>[1] = {}): Promise<RunningServer> {
  const tmp = tempDir()
  dirs.push(tmp.remove)
  lastDir = tmp.dir
  server = await quietServer(tmp.dir, { revocationPollMs: 200, ...extra })
  return server
}

async function connect(url: string, token: string, claimedWorkstation = 'ws-claimed'): Promise<ClientSocket> {
  const socket = await client(url, token, claimedWorkstation)
  sockets.push(socket)
  return socket
}

function connectError(url: string, token: string): Promise<string> {
  return client(url, token).then(
    (s) => {
      s.close()
      return 'connected'
    },
    (err: Error) => err.message,
  )
}

/** Resolves when the socket is cut, with the problem the server said first. */
function cut(socket: ClientSocket): Promise<Problem | null> {
  return new Promise((resolve) => {
    let said: Problem | null = null
    socket.on(MSG.problem, (p) => (said = p))
    socket.once('disconnect', () => resolve(said))
  })
}

function runCli(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/server/cli.ts'), ...args], {
      cwd: root,
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (out += d.toString()))
    child.stdin.end()
    child.once('exit', (code) => resolve({ code, out }))
  })
}

describe('sign-in and sessions', () => {
  it('signs in on an enrolled workstation; the socket acts as that person and events record the enrolled workstation', async () => {
    const srv = await start()
    await ensureAccount(srv, OPERATOR)
    const seat = await enrolSeat(srv, '值班台 3')
    const r = await signIn(srv, seat, OPERATOR.actorId)
    expect(r.status).toBe(200)
    expect(r.headers.get('cache-control')).toBe('no-store')
    expect(r.body.principal).toEqual(OPERATOR)
    expect(r.body.accessExpiresAt - r.body.serverTime).toBe(10 * 60_000)

    // The handshake claims another workstation id: the server records the credential's.
    const socket = await connect(srv.url, r.body.accessToken, 'ws-forged')
    const hello = await sync(socket, 0, null)
    expect(hello.reply.principal).toEqual(OPERATOR)
    const cmd = report({ townId: 'henglan' })
    const reply = await send(socket, cmd)
    expect(reply.status).toBe('applied')
    const events = (await sync(socket, 0, null)).events
    const mine = events.find((e) => e.incidentId === cmd.incidentId)
    expect(mine).toMatchObject({ actorId: OPERATOR.actorId, role: 'operator', workstationId: seat.workstationId })

    const audit = await srv.admin.audit(20)
    expect(audit.map((a) => a.kind)).toEqual(
      expect.arrayContaining(['sign_in', 'workstation_enrolled', 'enrolment_issued']),
    )
    // Nothing secret in the audit: no password, no token.
    const text = JSON.stringify(audit)
    for (const secret of [
      TEST_PASSWORD,
      r.body.accessToken,
      r.body.refreshToken,
      r.body.seatGrant,
      seat.workstationSecret,
    ])
      expect(text).not.toContain(secret)
  })

  it('refuses a socket without a valid token, and tells an expired access token apart', async () => {
    const srv = await start({ auth: { accessTtlMs: 300 } })
    await ensureAccount(srv, OPERATOR)
    const seat = await enrolSeat(srv)
    const r = await signIn(srv, seat, OPERATOR.actorId)
    expect(await connectError(srv.url, 'not-a-token-at-all')).toBe('unauthorized')
    await new Promise((res) => setTimeout(res, 400))
    expect(await connectError(srv.url, r.body.accessToken)).toBe('token_expired')

    // Refresh (from the same workstation) gives new tokens; the old refresh token is spent.
    const fresh = await post<SessionReply>(srv.url, AUTH_PATHS.refresh, { ...seat, refreshToken: r.body.refreshToken })
    expect(fresh.status).toBe(200)
    expect(fresh.body.accessToken).not.toBe(r.body.accessToken)
    expect(await connectError(srv.url, fresh.body.accessToken)).toBe('connected')
    const again = await post(srv.url, AUTH_PATHS.refresh, { ...seat, refreshToken: r.body.refreshToken })
    expect(again.status).toBe(401)
    expect(again.body).toMatchObject({ error: { code: 'session_ended' } })
  })

  it('binds the refresh token to its workstation: presented by another one, it ends the session', async () => {
    const srv = await start()
    await ensureAccount(srv, OPERATOR)
    const [a, b] = [await enrolSeat(srv, 'A'), await enrolSeat(srv, 'B')]
    const r = await signIn(srv, a, OPERATOR.actorId)
    const socket = await connect(srv.url, r.body.accessToken)
    await sync(socket, 0, null)
    const gone = cut(socket)
    const stolen = await post(srv.url, AUTH_PATHS.refresh, { ...b, refreshToken: r.body.refreshToken })
    expect(stolen.body).toMatchObject({ error: { code: 'session_revoked' } })
    expect(await gone).toMatchObject({ code: 'session_ended' })
    const own = await post(srv.url, AUTH_PATHS.refresh, { ...a, refreshToken: r.body.refreshToken })
    expect(own.body).toMatchObject({ error: { code: 'session_revoked' } })
  })

  it('signs out: the session ends, its socket is cut, and each step is an audit record', async () => {
    const srv = await start()
    await ensureAccount(srv, OPERATOR)
    const seat = await enrolSeat(srv)
    const r = await signIn(srv, seat, OPERATOR.actorId)
    const socket = await connect(srv.url, r.body.accessToken)
    await sync(socket, 0, null)
    const gone = cut(socket)
    const out = await post(srv.url, AUTH_PATHS.signOut, { ...seat, refreshToken: r.body.refreshToken })
    expect(out.status).toBe(200)
    expect(await gone).toMatchObject({ code: 'session_ended', message: expect.stringContaining('signed_out') })
    expect(await connectError(srv.url, r.body.accessToken)).toBe('unauthorized')
    const kinds = (await srv.admin.audit(10)).map((a) => a.kind)
    expect(kinds).toContain('sign_out')
  })

  it('locks an account after five wrong passwords: the right one is refused too until the lock ends', async () => {
    const srv = await start({ auth: { lockMs: 1500 } })
    await ensureAccount(srv, OPERATOR)
    const seat = await enrolSeat(srv)
    const codes: string[] = []
    for (let i = 0; i < 5; i++) {
      const r = await signIn(srv, seat, OPERATOR.actorId, `wrong password ${i}`)
      codes.push((r.body as unknown as { error: { code: string } }).error.code)
    }
    expect(codes).toEqual([
      'invalid_credentials',
      'invalid_credentials',
      'invalid_credentials',
      'invalid_credentials',
      'locked',
    ])
    const locked = await signIn(srv, seat, OPERATOR.actorId)
    expect(locked.status).toBe(423)
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0)
    await new Promise((res) => setTimeout(res, 1600))
    expect((await signIn(srv, seat, OPERATOR.actorId)).status).toBe(200)
    const audit = await srv.admin.audit(20)
    expect(audit.filter((a) => a.kind === 'sign_in_failed')).toHaveLength(5)
    expect(audit.map((a) => a.kind)).toContain('account_locked')
    expect(JSON.stringify(audit)).not.toContain('wrong password')
  })

  it('throttles failures per address whichever accounts they try (429 with Retry-After)', async () => {
    const srv = await start({ auth: { addressBurst: 3, addressRefillMs: 60_000 } })
    const seat = await enrolSeat(srv)
    const statuses: number[] = []
    for (let i = 0; i < 4; i++) statuses.push((await signIn(srv, seat, `nobody-${i}`, 'whatever-password')).status)
    expect(statuses).toEqual([401, 401, 401, 429])
    const r = await signIn(srv, seat, 'nobody-9', 'whatever-password')
    expect(r.headers.get('retry-after')).toMatch(/^\d+$/)
  })

  it('refuses a workstation that is not enrolled, a spent code, and a revoked workstation', async () => {
    const srv = await start()
    await ensureAccount(srv, OPERATOR)
    const { code } = await srv.admin.issueEnrolment('desk')
    const first = await post<{ workstationId: string; workstationSecret: string }>(srv.url, AUTH_PATHS.enrol, {
      code: code.toLowerCase(),
    })
    expect(first.status).toBe(200)
    expect((await post(srv.url, AUTH_PATHS.enrol, { code })).body).toMatchObject({ error: { code: 'invalid_code' } })
    const seat = first.body
    const forged = { workstationId: seat.workstationId, workstationSecret: 'x'.repeat(43) }
    expect((await signIn(srv, forged, OPERATOR.actorId)).body).toMatchObject({ error: { code: 'workstation_refused' } })
    const r = await signIn(srv, seat, OPERATOR.actorId)
    const socket = await connect(srv.url, r.body.accessToken)
    await sync(socket, 0, null)
    const gone = cut(socket)
    await srv.admin.revokeWorkstation(seat.workstationId)
    expect(await gone).toMatchObject({ code: 'session_ended' })
    expect((await signIn(srv, seat, OPERATOR.actorId)).body).toMatchObject({ error: { code: 'workstation_refused' } })
  })
})

describe('revocation from another process', () => {
  it('`users disable` in the admin CLI cuts the live socket within seconds', async () => {
    const srv = await start()
    const dataDir = lastDir
    await ensureAccount(srv, OPERATOR)
    const seat = await enrolSeat(srv)
    const r = await signIn(srv, seat, OPERATOR.actorId)
    const socket = await connect(srv.url, r.body.accessToken)
    await sync(socket, 0, null)
    const gone = cut(socket)
    // The CLI opens the same store from its own process, as an administrator would beside a running server.
    // On PostgreSQL the accounts are the cluster's: the CLI names the store as the server does.
    const store = await storeFor(dataDir)
    const cli = await runCli([
      'users',
      'disable',
      OPERATOR.actorId,
      '--data-dir',
      dataDir,
      ...(store ? ['--store', store] : []),
    ])
    expect(cli.code).toBe(0)
    // Cut by the server's revision poll (200 ms here, 1 s by default), not by anything the client does.
    const problem = await gone
    expect(problem).toMatchObject({ code: 'session_ended', message: expect.stringContaining('account_disabled') })
    expect((await signIn(srv, seat, OPERATOR.actorId)).body).toMatchObject({ error: { code: 'account_disabled' } })
    const refreshed = await post(srv.url, AUTH_PATHS.refresh, { ...seat, refreshToken: r.body.refreshToken })
    expect(refreshed.body).toMatchObject({ error: { code: 'account_disabled' } })
    const audit = (await srv.admin.audit(20)).map((a) => a.kind)
    expect(audit).toEqual(expect.arrayContaining(['account_disabled', 'session_revoked']))
  })

  it('a new role or scope reconnects the socket with the new principal', async () => {
    const srv = await start()
    await ensureAccount(srv, OPERATOR)
    const seat = await enrolSeat(srv)
    const r = await signIn(srv, seat, OPERATOR.actorId)
    const socket = await connect(srv.url, r.body.accessToken)
    await sync(socket, 0, null)
    const gone = cut(socket)
    await srv.admin.setRole(OPERATOR.actorId, 'operator', ['henglan'])
    expect(await gone).toMatchObject({ code: 'unauthorized' })
    const again = await connect(srv.url, r.body.accessToken)
    expect((await sync(again, 0, null)).reply.principal.towns).toEqual(['henglan'])
  })
})

describe('authors of queued work (seat grants)', () => {
  it('delivers a predecessor’s command with their author from the same seat, and refuses a grant from another seat', async () => {
    const srv = await start()
    await ensureAccount(srv, OPERATOR)
    await ensureAccount(srv, HENGLAN)
    const desk = await enrolSeat(srv, 'desk')
    const other = await enrolSeat(srv, 'other')
    const predecessor = (await signIn(srv, desk, OPERATOR.actorId)).body
    const successor = (await signIn(srv, desk, HENGLAN.actorId)).body
    const stranger = (await signIn(srv, other, HENGLAN.actorId)).body

    const base = report(placeIn('xiaolan'))
    expect((await srv.submit(base, OPERATOR)).status).toBe('applied')

    const socket = await connect(srv.url, successor.accessToken)
    await sync(socket, 0, null)
    // The predecessor's comment on a Xiaolan case: outside the successor's scope, inside the author's.
    const comment = action('comment', base.incidentId, null, { text: '交班前备注' })
    const reply = await socket.emitWithAck(MSG.command, { ...comment, seatGrant: predecessor.seatGrant })
    expect(reply).toMatchObject({ status: 'applied' })
    // The successor's (Henglan) socket never sees a Xiaolan event: read the log as a city-wide reader.
    const reader = await connect(srv.url, DEMO_TOKENS.supervisor.token)
    const logged = (await sync(reader, 0, null)).events.find((e) => e.commandId === comment.commandId)
    expect(logged).toMatchObject({ actorId: OPERATOR.actorId, role: 'operator', workstationId: desk.workstationId })
    expect(srv.incident(base.incidentId)?.version).toBe(2)

    // The same grant from another workstation is a forgery: refused, nothing written.
    const thief = await connect(srv.url, stranger.accessToken)
    await sync(thief, 0, null)
    const forged = action('comment', base.incidentId, null, { text: '冒名' })
    const refused: CommandReply = await thief.emitWithAck(MSG.command, { ...forged, seatGrant: predecessor.seatGrant })
    expect(refused).toMatchObject({ status: 'rejected', code: 'author_refused' })
    const garbage: CommandReply = await thief.emitWithAck(MSG.command, { ...forged, seatGrant: 'short' })
    expect(garbage).toMatchObject({ status: 'rejected', code: 'author_refused' })
    expect(srv.incident(base.incidentId)?.version).toBe(2)
    expect((await srv.admin.audit(10)).map((a) => a.kind)).toContain('author_refused')

    // Once the predecessor is disabled, their grant delivers nothing more.
    await srv.admin.disable(OPERATOR.actorId)
    const late = action('comment', base.incidentId, null, { text: '停用后' })
    const socket2 = await connect(srv.url, successor.accessToken)
    await sync(socket2, 0, null)
    expect(await socket2.emitWithAck(MSG.command, { ...late, seatGrant: predecessor.seatGrant })).toMatchObject({
      code: 'author_refused',
    })
  })
})

describe('demo accounts', () => {
  it('are created per run with random passwords on loopback, and refused on any other bind', async () => {
    const tmp = tempDir()
    dirs.push(tmp.remove)
    const first = await quietServer(tmp.dir, { demoAccounts: true })
    const creds = first.demoCredentials
    expect(creds.map((c) => c.identity).sort()).toEqual(
      ['department', 'field', 'henglanOperator', 'operator', 'supervisor', 'wall'].sort(),
    )
    const seat = await enrolSeat(first)
    const op = creds.find((c) => c.identity === 'operator')
    if (!op) throw new Error('no demo operator')
    expect((await signIn(first, seat, op.username, op.password)).status).toBe(200)
    await first.close()

    // The next run: new passwords, the old one is refused.
    server = await quietServer(tmp.dir, { demoAccounts: true })
    const next = server.demoCredentials.find((c) => c.identity === 'operator')
    expect(next?.password).not.toBe(op.password)
    expect((await signIn(server, seat, op.username, op.password)).status).toBe(401)
    await server.close()
    server = null

    await expect(quietServer(tmp.dir, { demoAccounts: true, host: '0.0.0.0' })).rejects.toThrow(/loopback/)
    // The same store served beyond loopback: its demo accounts cannot sign in.
    server = await quietServer(tmp.dir, { host: '0.0.0.0' })
    const port = new URL(server.url).port
    const r = await post(`http://127.0.0.1:${port}`, AUTH_PATHS.signIn, {
      ...seat,
      username: op.username,
      password: next?.password,
    })
    expect(r.status).toBe(403)
    expect(r.body).toMatchObject({ error: { code: 'demo_refused' } })
  })
})
