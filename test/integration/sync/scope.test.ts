import { describe, expect, it, vi } from 'vitest'
import { DEMO_TOKENS } from '@shared/protocol'
import type { Incident } from '@shared/domain'
import type { RunningServer } from '../../../src/server/index'
import type { Core } from '../../../src/main/core/core'
import { cacheRows, closeQuietly, perTestDirs, startCore, startTestServer, Traffic, until } from './fixtures/harness'
import { incidentFromRow } from '../../../src/main/core/store/incident-rows'

let server: RunningServer | null = null
let core: Core | null = null
const tempDir = perTestDirs(() => closeQuietly(core, server))

describe('a town-scoped workstation', () => {
  it("holds exactly its town's cases, catching up and live, and keeps its cursor with the log", async () => {
    const [s, c] = await Promise.all([tempDir(), tempDir()])
    server = await startTestServer(s.dir)
    const srv = server
    const traffic = new Traffic(srv)
    // Reports go round the city's 1,740 grids: every town gets some.
    await traffic.report(2000)
    await traffic.steps(3000)

    core = await startCore(c.dir, srv.url, DEMO_TOKENS.henglanOperator.token)
    const ws = core
    const connection = vi.spyOn(ws.status, 'update')
    await until(() => ws.status.get().cursor === srv.headSeq() && ws.status.get().connection === 'online')

    // Live: commands all over the city, most of them not for this workstation.
    const sinceOnline = connection.mock.calls.length
    await traffic.report(300)
    await traffic.steps(1500, 100)
    await until(() => ws.status.get().cursor === srv.headSeq(), 'live cursor at the head')
    // It kept up through the live stream alone: no second catch-up (which a lost or misread batch forces).
    const later = connection.mock.calls.slice(sinceOnline).map(([patch]) => patch.connection)
    expect(later).not.toContain('catching_up')

    const expected = new Map<string, Incident>()
    for (const id of traffic.ids) {
      const inc = srv.incident(id)
      if (inc?.townId === 'henglan') expected.set(id, incidentFromRow(inc as unknown as Record<string, unknown>))
    }
    expect(expected.size).toBeGreaterThan(20)
    expect(expected.size).toBeLessThan(traffic.ids.length / 5)
    const rows = await cacheRows(ws)
    expect([...rows.keys()].sort()).toEqual([...expected.keys()].sort())
    for (const [id, inc] of expected) expect(rows.get(id)).toEqual(inc)
    // The timeline holds every event of those cases and nothing else, with nothing quarantined.
    const timeline = await ws.store.sqlite.get(
      `SELECT count(*) AS n, count(DISTINCT incident_id) AS cases, sum(version) AS v FROM incident_events`,
    )
    const versions = [...expected.values()].reduce((sum, i) => sum + (i.version * (i.version + 1)) / 2, 0)
    expect(timeline).toEqual({
      n: [...expected.values()].reduce((sum, i) => sum + i.version, 0),
      cases: expected.size,
      v: versions,
    })
    expect((await ws.store.sqlite.get('SELECT count(*) AS n FROM quarantine'))?.n).toBe(0)
  })
})
