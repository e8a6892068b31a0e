import { describe, expect, it } from 'vitest'
import type { Core } from '../../../src/main/core/core'
import { getIncidents } from '../../../src/main/core/store/incident-queries'
import { EventFactory } from '../../unit/sync/event-factory'
import { closeQuietly, perTestDirs, startCore, until } from './fixtures/harness'
import { StubServer } from './fixtures/stub-server'

let stub: StubServer | null = null
let core: Core | null = null
const tempDir = perTestDirs(() => closeQuietly(core, stub))

describe('a page that fails to apply', () => {
  it('leaves the cursor where it was: the workstation asks again from it, and nothing is lost or doubled', async () => {
    const c = await tempDir()
    const f = new EventFactory()
    const log = f.stream(2500, 300)
    // The store, created first, refuses one row of the second page (disk trouble, say) until told otherwise.
    const prepared = await startCore(c.dir, null)
    await prepared.store.sqlite.exec(
      `CREATE TRIGGER refuse BEFORE INSERT ON incident_events WHEN NEW.seq = 1900 BEGIN SELECT RAISE(ABORT, 'disk says no'); END`,
    )
    await prepared.close()

    stub = new StubServer(log)
    await stub.listen()
    const s = stub
    core = await startCore(c.dir, s.url)
    const ws = core
    const cursors: number[] = []
    ws.hub.subscribe((name, payload) => {
      if (name === 'changes') cursors.push((payload as { cursor: number }).cursor)
    })
    // It fails, drops the link, comes back and says hello from the cursor it really has, again and again.
    await until(() => s.hellos.length >= 3, 'three hellos')
    expect(s.hellos.map((h) => h.cursor)).toEqual([0, ...s.hellos.slice(1).map(() => 1000)])
    const stored = await ws.store.sqlite.get('SELECT cursor FROM sync_state WHERE id = 1')
    expect(stored?.cursor).toBe(1000)
    expect(await ws.store.sqlite.get('SELECT count(*) AS n, max(seq) AS hi FROM incident_events')).toEqual({
      n: 1000,
      hi: 1000,
    })
    expect(Math.max(...cursors)).toBe(1000)
    expect(ws.status.get().cursor).toBe(1000)

    await ws.store.sqlite.exec('DROP TRIGGER refuse')
    await until(() => ws.status.get().cursor === 2500 && ws.status.get().connection === 'online', 'caught up')
    expect(
      await ws.store.sqlite.get('SELECT count(*) AS n, min(seq) AS lo, max(seq) AS hi FROM incident_events'),
    ).toEqual({ n: 2500, lo: 1, hi: 2500 })
    expect((await ws.store.sqlite.get('SELECT count(*) AS n FROM quarantine'))?.n).toBe(0)
    const rows = await getIncidents(ws.store.sqlite, [...f.incidents.keys()])
    for (const [id, inc] of f.incidents) expect(rows.get(id)).toEqual({ ...inc, stale: false })
  })
})
