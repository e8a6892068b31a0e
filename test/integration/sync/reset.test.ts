import { describe, expect, it } from 'vitest'
import type { RunningServer } from '../../../src/server/index'
import type { Core } from '../../../src/main/core/core'
import {
  closeQuietly,
  expectSameAsServer,
  startCore,
  startTestServer,
  perTestDirs,
  Traffic,
  until,
} from './fixtures/harness'

let server: RunningServer | null = null
let core: Core | null = null
const tempDir = perTestDirs(() => closeQuietly(core, server))

describe('reset from snapshot', () => {
  it('rebuilds from a snapshot when the server no longer keeps its cursor, then streams on', async () => {
    const [s, c] = await Promise.all([tempDir(), tempDir()])
    server = await startTestServer(s.dir)
    const srv = server
    const traffic = new Traffic(srv)
    await traffic.report(3000)
    core = await startCore(c.dir, srv.url)
    const first = core
    await until(() => first.status.get().cursor === srv.headSeq())
    await first.close()
    core = null
    await traffic.report(2000) // the snapshot spans several pages (2,000 incidents each)
    await traffic.steps(4000)
    await srv.pruneBefore(srv.headSeq() - 100)
    core = await startCore(c.dir, srv.url)
    const ws = core
    const notices: { all: boolean }[] = []
    ws.hub.subscribe((name, p) => name === 'changes' && notices.push(p as { all: boolean }))
    await until(() => ws.status.get().cursor === srv.headSeq() && ws.status.get().connection === 'online')
    expect(notices.some((n) => n.all)).toBe(true)
    await traffic.steps(500)
    await until(() => ws.status.get().cursor === srv.headSeq())
    expect(await expectSameAsServer(ws, srv)).toEqual({ ok: true, diff: [] })
    const state = await ws.store.sqlite.get('SELECT server_id, resetting FROM sync_state WHERE id = 1')
    expect(state).toEqual({ server_id: srv.serverId, resetting: 0 })
  })

  it('resets when pointed at a different server', async () => {
    const [s1, s2, c] = await Promise.all([tempDir(), tempDir(), tempDir()])
    server = await startTestServer(s1.dir)
    await new Traffic(server).report(500)
    core = await startCore(c.dir, server.url)
    const a = core
    const one = server
    await until(() => a.status.get().cursor === one.headSeq())
    await core.close()
    await server.close()
    server = await startTestServer(s2.dir)
    const two = server
    await new Traffic(two).report(200)
    core = await startCore(c.dir, two.url)
    const b = core
    await until(() => b.status.get().cursor === two.headSeq() && b.status.get().connection === 'online')
    expect(await expectSameAsServer(b, two)).toEqual({ ok: true, diff: [] })
  })
})
