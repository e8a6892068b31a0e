import { describe, expect, it, vi } from 'vitest'
import { DEMO_TOKENS } from '@shared/protocol'
import type { Incident } from '@shared/domain'
import type { RunningServer } from '../../../src/server/index'
import type { Core } from '../../../src/main/core/core'
import { cacheRows, closeQuietly, perTestDirs, startCore, startTestServer, Traffic, until } from './fixtures/harness'
import { incidentFromRow } from '../../../src/main/core/store/incident-rows'
import { EventFactory } from '../../unit/sync/event-factory'
import { StubServer } from './fixtures/stub-server'

let server: RunningServer | null = null
let core: Core | null = null
let stub: StubServer | null = null
const tempDir = perTestDirs(() => closeQuietly(core, server, stub))

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

  it('tells a lost live batch from a late one by the ranges the batches cover', async () => {
    const c = await tempDir()
    const f = new EventFactory()
    const log: unknown[] = f.stream(10, 3)
    stub = new StubServer(log)
    await stub.listen()
    core = await startCore(c.dir, stub.url, DEMO_TOKENS.henglanOperator.token)
    const ws = core
    const srv = stub
    await until(() => ws.status.get().cursor === 10 && ws.status.get().connection === 'online')
    const more = Array.from({ length: 5 }, () => f.step(`inc-0-${f.seq % 3}`)) // seqs 11..15
    log.push(...more)

    srv.scopedLive(more.slice(0, 2), 11, 12)
    srv.scopedLive([], 13, 13) // nothing of ours in 13
    await until(() => ws.status.get().cursor === 13, 'cursor through the empty batch')
    // One sent before an earlier re-hello, arriving late: it covers nothing new, and is no gap.
    srv.scopedLive([], 5, 9)
    // 14 never arrives: the batch for 15 cannot follow on, so the engine asks again from its cursor.
    srv.scopedLive(more.slice(4), 15, 15)
    await until(() => ws.status.get().cursor === 15, 'cursor after the re-hello')
    expect(srv.hellos.map((h) => h.cursor)).toEqual([0, 13])
    const seqs = await ws.store.sqlite.all('SELECT seq FROM incident_events ORDER BY seq')
    // 13 was not ours (the batch said so); 14 came with the replay after the re-hello.
    expect(seqs.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15])
  })
})
