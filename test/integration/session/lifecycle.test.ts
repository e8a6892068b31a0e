import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { SessionView } from '@shared/contract'
import { DEMO_TOKENS } from '@shared/protocol'
import type { Core } from '../../../src/main/core/core'
import { FileVault } from '../../../src/main/core/session/file-vault'
import type { RunningServer, ServerOptions } from '../../../src/server/index'
import { closeQuietly, perTestDirs, Traffic, until } from '../sync/fixtures/harness'
import { call, ensureAccount, online, signInThrough, startAuthServer, startSessionCore } from './fixtures'

const OPERATOR = DEMO_TOKENS.operator.principal

let server: RunningServer | null = null
let core: Core | null = null
const tempDir = perTestDirs(() => closeQuietly(core, server))

async function session(c: Core): Promise<SessionView> {
  const r = await call(c, 'session.get')
  if (!r.ok) throw new Error(r.error.message)
  return r.value as SessionView
}

async function queueComments(c: Core, ids: readonly string[]): Promise<string[]> {
  const out: string[] = []
  for (const id of ids) {
    const text = `离线备注 ${randomUUID().slice(0, 4)}`
    const r = await call(c, 'commands.submit', {
      type: 'comment',
      incidentId: id,
      expectedVersion: null,
      payload: { text },
    })
    if (!r.ok) throw new Error(r.error.message)
    out.push((r.value as { commandId: string }).commandId)
  }
  return out
}

/** The cached events of these commands, in log order: [commandId, actorId, workstationId]. */
async function logged(c: Core, ids: readonly string[]): Promise<unknown[][]> {
  const rows = await c.store.sqlite.all(
    `SELECT command_id, actor_id, workstation_id FROM incident_events WHERE command_id IN (${ids.map(() => '?').join(',')}) ORDER BY seq`,
    [...ids],
  )
  return rows.map((r) => [r.command_id, r.actor_id, r.workstation_id])
}

/** A server, an operator account, three cases, and a workstation with the operator signed in and current. */
async function signedInDesk(auth: ServerOptions['auth'] = {}) {
  const [s, c] = await Promise.all([tempDir(), tempDir()])
  server = await startAuthServer(s.dir, { auth })
  await ensureAccount(server, OPERATOR)
  const ids = await new Traffic(server).report(3)
  core = await startSessionCore(c.dir, server)
  await signInThrough(core, OPERATOR)
  await online(core, server)
  const ws = core
  const restart = async () => {
    server = await startAuthServer(s.dir, { auth, port: port })
    return server
  }
  const port = server.port
  return { ws, ids, restart, dataDir: c.dir, workstationId: ws.session?.workstationId ?? '' }
}

describe('a session over time', () => {
  it('refreshes its short-lived access token and stays signed in past its expiry, across a reconnect', async () => {
    const { ws, dataDir, restart } = await signedInDesk({ accessTtlMs: 2_000 })
    const vault = new FileVault(dataDir)
    const first = (await vault.read()).session?.refreshToken
    // Each refresh rotates the refresh token kept in the vault (and renews the access token in memory).
    await until(async () => (await vault.read()).session?.refreshToken !== first, 'a refresh')
    await server?.close()
    await until(() => ws.status.get().connection !== 'online', 'offline')
    const back = await restart()
    await new Traffic(back).report(2)
    await online(ws, back)
    expect((await session(ws)).phase).toBe('signed_in')
  })

  it('renews an access token that expired during an outage; the queued work goes out with its author', async () => {
    const { ws, ids, restart, workstationId } = await signedInDesk({ accessTtlMs: 1_000 })
    await server?.close()
    await until(() => ws.status.get().connection !== 'online', 'offline')
    const issued = await queueComments(ws, ids)
    await new Promise((r) => setTimeout(r, 1_200)) // the access token is now past its expiry
    const back = await restart()
    await until(() => ws.status.get().pendingCommands === 0 && ws.status.get().cursor === back.headSeq(), 'delivered')
    expect(await logged(ws, issued)).toEqual(issued.map((id) => [id, OPERATOR.actorId, workstationId]))
  })

  it('a session that expired during the outage signs the desk out but keeps the queue for the next sign-in', async () => {
    // The refresh window is wide enough for a loaded machine to sign in and catch up inside it; the
    // session then ends by waiting it out while the server is down (the last refresh came before the close).
    const refreshTtlMs = 5_000
    const { ws, ids, restart, workstationId } = await signedInDesk({ accessTtlMs: 2_000, refreshTtlMs })
    await server?.close()
    const closedAt = Date.now()
    await until(() => ws.status.get().connection !== 'online', 'offline')
    const issued = await queueComments(ws, ids)
    await new Promise((r) => setTimeout(r, Math.max(0, closedAt + refreshTtlMs + 300 - Date.now())))
    const back = await restart()
    await until(async () => (await session(ws)).phase === 'signed_out', 'signed out by the server')
    expect(await session(ws)).toMatchObject({ endReason: 'expired', queued: 3 })
    expect(ws.status.get().pendingCommands).toBe(3)
    await signInThrough(ws, OPERATOR)
    await until(() => ws.status.get().pendingCommands === 0 && ws.status.get().cursor === back.headSeq(), 'delivered')
    expect(await logged(ws, issued)).toEqual(issued.map((id) => [id, OPERATOR.actorId, workstationId]))
  })

  it('disabling the account cuts the desk within seconds: signed out, and no offline unlock for that person', async () => {
    const { ws } = await signedInDesk()
    expect((await session(ws)).offlineUsers).toEqual([OPERATOR.actorId])
    await server?.admin.disable(OPERATOR.actorId)
    // The server cuts the socket (revision poll); the workstation's refresh is refused: signed out.
    await until(async () => (await session(ws)).phase === 'signed_out', 'signed out')
    expect(await session(ws)).toMatchObject({ endReason: 'account_disabled', offlineUsers: [] })
    expect(ws.status.get()).toMatchObject({ operator: null, connection: 'offline' })
    expect(await call(ws, 'incidents.list', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } })
  })

  it('revoking the workstation signs it out and asks for enrolment again', async () => {
    const { ws, workstationId } = await signedInDesk()
    await server?.admin.revokeWorkstation(workstationId)
    await until(async () => (await session(ws)).phase !== 'signed_in', 'signed out')
    // The test's enrolment provider hands out a fresh code, as an administrator would.
    await until(async () => (await session(ws)).phase === 'signed_out', 'enrolled again')
    expect((await session(ws)).workstationId).not.toBe(workstationId)
  })
})
