import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { Conflict, IncidentView, PendingCommand, SessionView } from '@shared/contract'
import type { Command, Grid, Incident } from '@shared/domain'
import { DEMO_TOKENS } from '@shared/protocol'
import type { Core } from '../../../src/main/core/core'
import type { RunningServer } from '../../../src/server/index'
import { client, sync } from '../server/helpers'
import { closeQuietly, perTestDirs, until } from '../sync/fixtures/harness'
import {
  call,
  ensureAccount,
  online,
  signInThrough,
  startAuthServer,
  startSessionCore,
  TEST_PASSWORD,
} from './fixtures'

const CITY = DEMO_TOKENS.operator.principal
const HENGLAN = DEMO_TOKENS.henglanOperator.principal

let server: RunningServer | null = null
let core: Core | null = null
const tempDir = perTestDirs(() => closeQuietly(core, server))

async function value<T>(c: Core, name: string, args: unknown = {}): Promise<T> {
  const r = await call(c, name, args)
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`)
  return r.value as T
}

/** Four cases in each of four towns, reported by the city-wide supervisor. */
async function district(srv: RunningServer): Promise<Map<string, string[]>> {
  const byTown = new Map<string, string[]>()
  for (const town of ['henglan', 'xiaolan', 'dongfeng', 'shiqi']) {
    const grid = srv.reference.grids.find((g) => g.townId === town && g.level !== 'medium')
    if (!grid) throw new Error(`no grid in ${town}`)
    for (let i = 0; i < 4; i++) {
      const incidentId = `${town}-${randomUUID().slice(0, 8)}`
      const reply = await srv.submit(reportOf(incidentId, grid), DEMO_TOKENS.supervisor.principal)
      if (reply.status !== 'applied') throw new Error(JSON.stringify(reply))
      byTown.set(town, [...(byTown.get(town) ?? []), incidentId])
    }
  }
  return byTown
}

/** A report at the centre of `grid` (the server checks that town, grid and point agree). */
function reportOf(incidentId: string, grid: Pick<Grid, 'id' | 'townId' | 'lat' | 'lng'>): Command {
  const townId = grid.townId
  return {
    commandId: randomUUID(),
    type: 'report',
    incidentId,
    expectedVersion: null,
    issuedAt: Date.now(),
    payload: {
      title: `${townId} 隐患`,
      description: '',
      category: 'fire_safety',
      priority: 'normal',
      source: 'patrol',
      townId,
      gridId: grid.id,
      componentId: null,
      lat: grid.lat,
      lng: grid.lng,
      address: townId,
    },
  }
}

/** The server's log as a city-wide reader sees it. */
async function serverLog(srv: RunningServer) {
  const socket = await client(srv.url, DEMO_TOKENS.supervisor.token)
  try {
    return (await sync(socket, 0, null)).events
  } finally {
    socket.close()
  }
}

describe('shift handover on one seat', () => {
  it('a town-scoped successor never sees the predecessor’s other towns; the predecessor’s queue goes out under their name', async () => {
    const [s, c] = await Promise.all([tempDir(), tempDir()])
    server = await startAuthServer(s.dir)
    const port = server.port
    await ensureAccount(server, CITY)
    await ensureAccount(server, HENGLAN)
    const cases = await district(server)
    const xiaolan = cases.get('xiaolan')?.[0] ?? ''
    const henglan = cases.get('henglan')?.[0] ?? ''
    const xiaolanGrid = server.reference.grids.find((g) => g.townId === 'xiaolan' && g.level === 'small')
    if (!xiaolanGrid) throw new Error('no small grid in Xiaolan')
    core = await startSessionCore(c.dir, server)
    const desk = core
    await signInThrough(desk, CITY)
    await online(desk, server)
    expect((await value<{ total: number }>(desk, 'incidents.list', {})).total).toBe(16)

    // The link drops; the outgoing operator still works, then signs out for the handover.
    await server.close()
    await until(() => desk.status.get().connection !== 'online', 'offline')
    const queued: string[] = []
    for (const cmd of [
      { type: 'comment', incidentId: xiaolan, expectedVersion: null, payload: { text: '小榄：交班前已电话联系' } },
      { type: 'comment', incidentId: henglan, expectedVersion: null, payload: { text: '横栏：交班前已到场' } },
      {
        ...reportOf(`xiaolan-new-${randomUUID().slice(0, 6)}`, xiaolanGrid),
        commandId: undefined,
        issuedAt: undefined,
      },
    ]) {
      const { commandId: _c, issuedAt: _i, ...args } = cmd as Record<string, unknown>
      queued.push((await value<{ commandId: string }>(desk, 'commands.submit', args)).commandId)
    }
    await value(desk, 'session.signOut')
    expect(await value<SessionView>(desk, 'session.get')).toMatchObject({ phase: 'signed_out', queued: 3 })

    // The server is back; the Henglan operator signs in on the same seat.
    server = await startAuthServer(s.dir, { port })
    const srv = server
    await signInThrough(desk, HENGLAN)
    // At once — before any sync — the contract shows Henglan and nothing else.
    const list = await value<{ rows: IncidentView[]; total: number }>(desk, 'incidents.list', {})
    expect(new Set(list.rows.map((r) => r.townId))).toEqual(new Set(['henglan']))
    expect(list.total).toBe(4)
    expect(await call(desk, 'incident.get', { id: xiaolan })).toMatchObject({ ok: false, error: { code: 'not_found' } })
    const pending = await value<PendingCommand[]>(desk, 'commands.pending')
    expect(pending.map((p) => p.incidentId)).toEqual([henglan])
    const towns = await desk.store.sqlite.all('SELECT DISTINCT town_id FROM incidents')
    expect(towns).toEqual([{ town_id: 'henglan' }])
    expect(await value<Conflict[]>(desk, 'conflicts.list')).toEqual([])

    // All three of the predecessor's commands are delivered, recorded as theirs, from this seat.
    await until(() => desk.status.get().pendingCommands === 0, 'queue delivered')
    await online(desk, srv)
    const log = await serverLog(srv)
    const delivered = log.filter((e) => e.commandId !== null && queued.includes(e.commandId))
    expect(delivered).toHaveLength(3)
    for (const e of delivered)
      expect(e).toMatchObject({ actorId: CITY.actorId, workstationId: desk.session?.workstationId })
    // …and the Xiaolan ones still never reach the successor's cache.
    expect(await desk.store.sqlite.all('SELECT DISTINCT town_id FROM incidents')).toEqual([{ town_id: 'henglan' }])
    const henglanCase = await value<{ incident: Incident; timeline: { actorId: string }[] }>(desk, 'incident.get', {
      id: henglan,
    })
    expect(henglanCase.timeline.map((t) => t.actorId)).toContain(CITY.actorId)
  })

  it('a successor with a wider scope gets the whole city from a fresh snapshot', async () => {
    const [s, c] = await Promise.all([tempDir(), tempDir()])
    server = await startAuthServer(s.dir)
    await ensureAccount(server, CITY)
    await ensureAccount(server, HENGLAN)
    await district(server)
    core = await startSessionCore(c.dir, server)
    const desk = core
    await signInThrough(desk, HENGLAN)
    await online(desk, server)
    expect((await value<{ total: number }>(desk, 'incidents.list', {})).total).toBe(4)
    await value(desk, 'session.signOut')
    await signInThrough(desk, CITY)
    const srv = server
    await until(async () => (await value<{ total: number }>(desk, 'incidents.list', {})).total === 16, 'the whole city')
    await online(desk, srv)
  })
})

describe('offline unlock', () => {
  it('lets someone who signed in here before unlock while the server is down; their work is theirs after sync', async () => {
    const [s, c] = await Promise.all([tempDir(), tempDir()])
    server = await startAuthServer(s.dir)
    const port = server.port
    await ensureAccount(server, CITY)
    await ensureAccount(server, HENGLAN)
    const cases = await district(server)
    core = await startSessionCore(c.dir, server)
    const desk = core
    await signInThrough(desk, CITY)
    await online(desk, server)
    await value(desk, 'session.signOut')
    await server.close()

    // Nobody else can: the Henglan operator never signed in here, and a wrong password fails locally.
    expect(await value(desk, 'session.signIn', { username: HENGLAN.actorId, password: TEST_PASSWORD })).toMatchObject({
      ok: false,
      reason: 'unreachable',
    })
    expect(await value(desk, 'session.signIn', { username: CITY.actorId, password: 'not it at all' })).toMatchObject({
      ok: false,
      reason: 'invalid_credentials',
    })
    const unlocked = await value<{ ok: boolean; session: SessionView }>(desk, 'session.signIn', {
      username: CITY.actorId,
      password: TEST_PASSWORD,
    })
    expect(unlocked).toMatchObject({ ok: true, session: { phase: 'signed_in', offline: true, principal: CITY } })
    expect(desk.status.get().operator).toEqual(CITY)

    const ids = [cases.get('shiqi')?.[0] ?? '', cases.get('dongfeng')?.[0] ?? '']
    const queued: string[] = []
    for (const id of ids)
      queued.push(
        (
          await value<{ commandId: string }>(desk, 'commands.submit', {
            type: 'comment',
            incidentId: id,
            expectedVersion: null,
            payload: { text: '停电期间现场处置' },
          })
        ).commandId,
      )

    // The server returns: the session is resumed with the seat grant, and the work is delivered as the person's.
    server = await startAuthServer(s.dir, { port })
    const srv = server
    await until(async () => (await value<SessionView>(desk, 'session.get')).offline === false, 'resumed')
    await until(() => desk.status.get().pendingCommands === 0, 'delivered')
    const log = await serverLog(srv)
    const mine = log.filter((e) => e.commandId !== null && queued.includes(e.commandId))
    expect(mine.map((e) => [e.actorId, e.workstationId])).toEqual(
      queued.map(() => [CITY.actorId, desk.session?.workstationId]),
    )
    const audit = await srv.admin.audit(5, ['sign_in'])
    expect(audit[0]).toMatchObject({ accountId: CITY.actorId, detail: { method: 'resume' } })
    const local = await desk.store.sqlite.all(
      "SELECT action, actor_id FROM action_audit WHERE action IN ('offline_unlock', 'session_resumed') ORDER BY id",
    )
    expect(local).toEqual([
      { action: 'offline_unlock', actor_id: CITY.actorId },
      { action: 'session_resumed', actor_id: CITY.actorId },
    ])
  })
})
