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

describe('sync engine against the real server', () => {
  it('catches up, goes live, fetches reference data and serves the views', async () => {
    const s = await tempDir()
    const c = await tempDir()
    server = await startTestServer(s.dir)
    const traffic = new Traffic(server)
    await traffic.report(300)
    await traffic.steps(900)
    core = await startCore(c.dir, server.url)
    const live = core
    const changes: number[] = []
    live.hub.subscribe((name, payload) => {
      if (name === 'changes') changes.push((payload as { cursor: number }).cursor)
    })
    await until(() => live.status.get().cursor === server!.headSeq() && live.status.get().connection === 'online')
    await traffic.steps(300)
    await until(() => live.status.get().cursor === server!.headSeq())
    expect(await expectSameAsServer(live, server)).toEqual({ ok: true, diff: [] })
    expect(changes.length).toBeGreaterThan(0)
    await until(
      async () =>
        (await live.registry.call('reference.get', {}, { origin: 'internal', readOnly: false })).ok === true &&
        live.sync.reference.get() !== null,
    )
    const list = await live.registry.call(
      'incidents.list',
      { filter: { statuses: ['dispatched'] }, limit: 10 },
      { origin: 'internal', readOnly: false },
    )
    expect(list.ok).toBe(true)
    const first = traffic.ids[0]!
    const detail = await live.registry.call('incident.get', { id: first }, { origin: 'internal', readOnly: false })
    expect(detail.ok).toBe(true)
    if (detail.ok) {
      const d = detail.value as { timeline: { actorName: string }[]; allowedActions: string[] }
      expect(d.timeline.length).toBeGreaterThan(0)
    }
  })
})
