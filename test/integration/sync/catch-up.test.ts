import { describe, expect, it, vi } from 'vitest'
import type { SyncStatus } from '@shared/contract'
import type { Core } from '../../../src/main/core/core'
import { EventFactory } from '../../unit/sync/event-factory'
import { closeQuietly, startCore, perTestDirs, until } from './fixtures/harness'
import { StubServer } from './fixtures/stub-server'

let stub: StubServer | null = null
let core: Core | null = null
const tempDir = perTestDirs(() => closeQuietly(core, stub))

/**
 * A workstation live on a stub server that served the first 100 of `all`; the rest are in the
 * stub's log (for a re-hello) but not yet sent live: the test sends what it wants.
 */
async function liveOnStub(all: unknown[]): Promise<{ ws: Core; stub: StubServer }> {
  const c = await tempDir()
  const s = (stub = new StubServer(all.slice(0, 100)))
  await s.listen()
  const ws = (core = await startCore(c.dir, s.url))
  await until(() => ws.status.get().cursor === 100 && ws.status.get().connection === 'online')
  s.log.push(...all.slice(100))
  return { ws, stub: s }
}

describe('catch-up', () => {
  it('quarantines bad events, reports them, and keeps the cursor honest', async () => {
    const c = await tempDir()
    const f = new EventFactory()
    const log: unknown[] = f.stream(2500, 300)
    const bad = [17, 1203, 2222] // seq - 1
    const hit = new Set(bad.map((i) => (log[i] as { incidentId: string }).incidentId))
    log[bad[0]!] = { ...(log[bad[0]!] as object), type: 'teleport' }
    log[bad[1]!] = { ...(log[bad[1]!] as object), payload: null }
    log[bad[2]!] = 'not even an object'
    stub = new StubServer(log)
    await stub.listen()
    core = await startCore(c.dir, stub.url)
    const ws = core
    await until(() => ws.status.get().cursor === 2500 && ws.status.get().connection === 'online')
    const q = await ws.store.sqlite.all('SELECT seq, reason FROM quarantine ORDER BY seq')
    const seqs = q.map((r) => r.seq)
    expect(seqs).toEqual(expect.arrayContaining([18, 1204, 2223]))
    // The rest are later events of the same incidents, held back rather than folded onto a gap.
    for (const r of q)
      if (![18, 1204, 2223].includes(Number(r.seq))) expect(String(r.reason)).toMatch(/^blocked|for unknown incident/)
    await until(() => ws.status.get().quarantined === q.length)
    // Every seq is accounted for: applied (in the timeline) or quarantined, never both.
    const applied = Number((await ws.store.sqlite.get('SELECT count(*) AS n FROM incident_events'))?.n)
    expect(applied + q.length).toBe(2500)
    const overlap = await ws.store.sqlite.get(
      'SELECT count(*) AS n FROM incident_events WHERE seq IN (SELECT seq FROM quarantine)',
    )
    expect(overlap?.n).toBe(0)
    // Incidents untouched by bad events equal the shared projection. (An event too broken to name its
    // incident cannot mark it stale; its incident is only flagged once a later event fails to fit.)
    const stale = new Set(
      (await ws.store.sqlite.all('SELECT id FROM incidents WHERE stale_since_seq IS NOT NULL')).map((r) =>
        String(r.id),
      ),
    )
    const detail = await ws.registry.call(
      'incidents.list',
      { filter: {}, limit: 20_000 },
      { origin: 'internal', readOnly: false },
    )
    if (!detail.ok) throw new Error(detail.error.message)
    for (const row of (detail.value as { rows: { id: string; version: number; stale?: boolean }[] }).rows) {
      expect(row.stale).toBe(stale.has(row.id)) // the views can tell a lagging row
      if (!stale.has(row.id) && !hit.has(row.id)) expect(row.version).toBe(f.incidents.get(row.id)?.version)
    }
  })

  it('detects a gap in live events and re-hellos from its cursor at once, its status telling the truth', async () => {
    const all = new EventFactory().stream(130, 20)
    const { ws, stub } = await liveOnStub(all)
    // Every state the status board shows from here on (the stub sends no heartbeats: only the gap can act).
    const shown: SyncStatus[] = []
    const update = ws.status.update.bind(ws.status)
    vi.spyOn(ws.status, 'update').mockImplementation((patch) => {
      update(patch)
      shown.push(ws.status.get())
    })
    stub.live(all.slice(100, 110))
    stub.live(all.slice(115, 130)) // 111–115 lost in transit
    await until(() => ws.status.get().cursor === 130 && ws.status.get().connection === 'online')
    expect(stub.hellos.map((h) => h.cursor)).toEqual([0, 110])
    // The gap itself asked again, over the same link: not the silence watchdog, which drops the link
    // (after three missed heartbeats) and says hello from a new one.
    expect(new Set(stub.helloSockets).size).toBe(1)
    expect(shown.map((s) => s.connection)).not.toContain('offline')
    // Meanwhile it said it was catching up, from the cursor it really had to the head the server named.
    expect(shown).toContainEqual(
      expect.objectContaining({
        connection: 'catching_up',
        cursor: 110,
        headSeq: 130,
        catchUp: { done: 0, total: 20 },
      }),
    )
    for (const s of shown) expect(s.cursor).toBeLessThanOrEqual(s.headSeq ?? 0)
    expect(ws.status.get()).toMatchObject({ connection: 'online', cursor: 130, headSeq: 130, catchUp: null })
    expect(Number((await ws.store.sqlite.get('SELECT count(*) AS n FROM quarantine'))?.n)).toBe(0)
  })

  it('notices a lost last batch from two heartbeats behind the same head, and re-hellos', async () => {
    const all = new EventFactory().stream(120, 20)
    const { ws, stub } = await liveOnStub(all)
    stub.live(all.slice(100, 110)) // 111–120 lost in transit, and nothing follows them
    await until(() => ws.status.get().cursor === 110)
    stub.beat()
    stub.beat()
    await until(() => ws.status.get().cursor === 120)
    expect(stub.hellos.map((h) => h.cursor)).toEqual([0, 110])
  })

  it('does not take a live batch still being written for a lost one', async () => {
    const all = new EventFactory().stream(30_100, 2000)
    const { ws, stub } = await liveOnStub(all)
    stub.live(all.slice(100))
    // The server's beats go on while the big batch is written: the head they name has arrived.
    const beats = setInterval(() => stub.beat(), 20)
    try {
      await until(() => ws.status.get().cursor === all.length, 'cursor at the head')
    } finally {
      clearInterval(beats)
    }
    // A mistaken re-hello goes out just after the batch lands: give it time to reach the stub.
    await new Promise((r) => setTimeout(r, 500))
    expect(stub.hellos.map((h) => h.cursor)).toEqual([0])
  })
})
