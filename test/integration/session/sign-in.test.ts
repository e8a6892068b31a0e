import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { DEMO_TOKENS } from '@shared/protocol'
import type { Core } from '../../../src/main/core/core'
import type { RunningServer } from '../../../src/server/index'
import { placeIn } from '../server/helpers'
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

const OPERATOR = DEMO_TOKENS.operator.principal

let server: RunningServer | null = null
let core: Core | null = null
const tempDir = perTestDirs(() => closeQuietly(core, server))

/** A hotline report at the centre of a Henglan grid (the server checks that town, grid and point agree). */
const report = () => ({
  type: 'report' as const,
  incidentId: `ws-${randomUUID()}`,
  expectedVersion: null,
  payload: {
    title: '楼道堆物',
    description: '',
    category: 'fire_safety',
    priority: 'normal',
    source: 'hotline',
    ...placeIn('henglan'),
    componentId: null,
    address: '横栏镇',
  },
})

describe('signing in at a workstation', () => {
  it('starts signed out and answers nothing but the session until someone signs in', async () => {
    const [s, c] = await Promise.all([tempDir(), tempDir()])
    server = await startAuthServer(s.dir)
    await ensureAccount(server, OPERATOR)
    core = await startSessionCore(c.dir, server)
    const session = await call(core, 'session.get')
    expect(session).toMatchObject({ ok: true, value: { phase: 'signed_out', principal: null } })
    expect(await call(core, 'incidents.list', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } })
    expect(await call(core, 'aggregates.get')).toMatchObject({ ok: false, error: { code: 'unauthenticated' } })
    expect(core.status.get().connection).toBe('offline')

    const wrong = await call(core, 'session.signIn', { username: OPERATOR.actorId, password: 'not the password' })
    expect(wrong).toMatchObject({ ok: true, value: { ok: false, reason: 'invalid_credentials' } })
    await signInThrough(core, OPERATOR)
    await online(core, server)
    expect(core.status.get().operator).toEqual(OPERATOR)
    expect(await call(core, 'incidents.list', {})).toMatchObject({ ok: true })
  })

  it('records the enrolled workstation on the events its operator causes', async () => {
    const [s, c] = await Promise.all([tempDir(), tempDir()])
    server = await startAuthServer(s.dir)
    await ensureAccount(server, OPERATOR)
    core = await startSessionCore(c.dir, server)
    await signInThrough(core, OPERATOR)
    await online(core, server)
    const enrolled = (await server.admin.listWorkstations())[0]
    expect(enrolled?.state).toBe('enrolled')
    const info = await call(core, 'app.info')
    expect(info).toMatchObject({ ok: true, value: { workstationId: enrolled?.id } })
    const cmd = report()
    await call(core, 'commands.submit', cmd)
    const srv = server
    await until(() => srv.incident(cmd.incidentId) !== null, 'the report reached the server')
    const ws = core
    await until(
      async () =>
        (
          await ws.store.sqlite.get('SELECT workstation_id FROM incident_events WHERE incident_id = ?', [
            cmd.incidentId,
          ])
        )?.workstation_id === enrolled?.id,
      'the event with the workstation',
    )
    const row = await core.store.sqlite.get(
      'SELECT actor_id, workstation_id FROM incident_events WHERE incident_id = ?',
      [cmd.incidentId],
    )
    expect(row).toEqual({ actor_id: OPERATOR.actorId, workstation_id: enrolled?.id })
  })

  it('refuses a workstation that never enrolled', async () => {
    const [s, c] = await Promise.all([tempDir(), tempDir()])
    server = await startAuthServer(s.dir)
    await ensureAccount(server, OPERATOR)
    // No code to enrol with: the sign-in screen asks for one, and sign-in is refused meanwhile.
    const srv = server
    core = await startSessionCore(c.dir, srv, { enrol: false })
    expect(await call(core, 'session.get')).toMatchObject({ value: { phase: 'unenrolled' } })
    expect(await call(core, 'session.signIn', { username: OPERATOR.actorId, password: TEST_PASSWORD })).toMatchObject({
      value: { ok: false, reason: 'unenrolled' },
    })
    expect(await call(core, 'session.enrol', { code: 'WRONG-CODE-0000' })).toMatchObject({
      value: { ok: false, reason: 'invalid_code' },
    })
    const { code } = await srv.admin.issueEnrolment('值班台')
    expect(await call(core, 'session.enrol', { code })).toMatchObject({
      value: { ok: true, session: { phase: 'signed_out', workstationName: '值班台' } },
    })
    expect(await call(core, 'session.signIn', { username: OPERATOR.actorId, password: TEST_PASSWORD })).toMatchObject({
      value: { ok: true },
    })
  })

  it('enrols again by itself when the server no longer knows the workstation (a new store), given a code', async () => {
    const [s1, s2, c] = await Promise.all([tempDir(), tempDir(), tempDir()])
    server = await startAuthServer(s1.dir)
    const port = server.port
    await ensureAccount(server, OPERATOR)
    // The enrolment codes come from whichever server runs at that address now.
    const current = {
      get url() {
        return server?.url ?? ''
      },
      get admin() {
        if (!server) throw new Error('no server')
        return server.admin
      },
    }
    core = await startSessionCore(c.dir, current)
    const first = core.session?.workstationId
    await signInThrough(core, OPERATOR)
    await call(core, 'session.signOut')
    await server.close()
    // Another store behind the same address: the old credential means nothing there.
    server = await startAuthServer(s2.dir, { port })
    await ensureAccount(server, OPERATOR)
    await signInThrough(core, OPERATOR)
    await online(core, server)
    expect(core.session?.workstationId).not.toBe(first)
    expect((await server.admin.listWorkstations()).map((w) => [w.id, w.state])).toEqual([
      [core.session?.workstationId, 'enrolled'],
    ])
  })
})
