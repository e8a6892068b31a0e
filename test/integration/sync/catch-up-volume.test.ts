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

// The volume case on its own: minutes, not seconds (the mutation run leaves it out, see stryker.config.mjs).
describe('catch-up', () => {
  it('catches up 100,000 missed events completely and in order', { timeout: 600_000 }, async () => {
    const [s, c] = await Promise.all([tempDir(), tempDir()])
    server = await startTestServer(s.dir)
    const srv = server
    const traffic = new Traffic(srv)
    await traffic.report(10_000)
    await traffic.steps(90_000, 2000)
    expect(srv.headSeq()).toBe(100_000)
    core = await startCore(c.dir, srv.url)
    const ws = core
    const progress: number[] = []
    ws.hub.subscribe((name, payload) => {
      if (name === 'changes') progress.push((payload as { cursor: number }).cursor)
    })
    await until(() => ws.status.get().cursor === srv.headSeq() && ws.status.get().connection === 'online')
    expect(progress).toEqual([...progress].sort((a, b) => a - b)) // the cursor only moves forward
    const events = await ws.store.sqlite.get(
      'SELECT count(*) AS n, min(seq) AS lo, max(seq) AS hi FROM incident_events',
    )
    expect(events).toEqual({ n: 100_000, lo: 1, hi: 100_000 })
    // Per incident, versions run 1..n in seq order: nothing skipped, nothing out of order.
    const broken = await ws.store.sqlite.get(
      `SELECT count(*) AS n FROM (SELECT incident_id, version, row_number() OVER (PARTITION BY incident_id ORDER BY seq) AS k FROM incident_events) WHERE version <> k`,
    )
    expect(broken?.n).toBe(0)
    expect(await expectSameAsServer(ws, srv)).toEqual({ ok: true, diff: [] })
  })
})
