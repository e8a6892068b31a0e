import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Store } from '../../../src/main/core/store/open-store'
import { applyEvents } from '../../../src/main/core/sync/apply-events'
import { getIncidents } from '../../../src/main/core/store/incident-queries'
import { readSyncState } from '../../../src/main/core/sync/sync-state'
import { EventFactory } from './event-factory'
import { tempStore } from './helpers'

let store: Store
let cleanup: () => Promise<void>
beforeEach(async () => ({ store, cleanup } = await tempStore()))
afterEach(() => cleanup())

describe('applyEvents', () => {
  it('projects pages into rows equal to the shared projection, with the cursor', async () => {
    const f = new EventFactory()
    const events = f.stream(5000, 600)
    for (let i = 0; i < events.length; i += 1000) await applyEvents(store.sqlite, events.slice(i, i + 1000), 'replay')
    expect((await readSyncState(store.sqlite)).cursor).toBe(5000)
    const rows = await getIncidents(store.sqlite, [...f.incidents.keys()])
    expect(rows.size).toBe(f.incidents.size)
    for (const [id, inc] of f.incidents) expect(rows.get(id)).toEqual({ ...inc, stale: false })
    expect(Number((await store.sqlite.get('SELECT count(*) AS n FROM incident_events'))?.n)).toBe(5000)
  })

  it('keeps a report’s photo URL through later events, and no key where there is none', async () => {
    const f = new EventFactory()
    const events = [f.report('photo', { mediaUrl: 'https://example.org/p/7.jpg' }), f.report('plain')]
    events.push(f.step('photo'), f.step('photo'), f.step('plain'))
    await applyEvents(store.sqlite, events, 'live')
    const rows = await getIncidents(store.sqlite, ['photo', 'plain'])
    expect(rows.get('photo')?.mediaUrl).toBe('https://example.org/p/7.jpg')
    expect(rows.get('photo')).toEqual({ ...f.incidents.get('photo'), stale: false })
    expect(rows.get('plain') && 'mediaUrl' in rows.get('plain')!).toBe(false)
  })

  it('ignores what it already has and stops at a gap', async () => {
    const f = new EventFactory()
    const events = f.stream(300, 50)
    await applyEvents(store.sqlite, events.slice(0, 200), 'live')
    const again = await applyEvents(store.sqlite, events.slice(100, 200), 'live')
    expect(again.applied).toBe(0)
    expect(again.cursor).toBe(200)
    const gap = await applyEvents(store.sqlite, events.slice(220, 300), 'live')
    expect(gap.gapAt).toBe(201)
    expect(gap.cursor).toBe(200)
    const overlap = await applyEvents(store.sqlite, events.slice(150, 300), 'live')
    expect(overlap.applied).toBe(100)
    expect(overlap.cursor).toBe(300)
  })

  it('quarantines a malformed event, keeps the cursor honest and blocks only that incident', async () => {
    const f = new EventFactory()
    f.report('a')
    f.report('b')
    const head = [f.step('a'), f.step('b')] // seq 3, 4: accepts
    const reportA = { ...f.incidents.get('a')! }
    const bad = { ...f.step('a'), payload: { assignee: { kind: 'nope' } } } // seq 5: broken dispatch
    const after = [f.step('b'), f.step('a')] // seq 6 (b dispatch), seq 7 (a acknowledge: blocked)
    const start = new EventFactory()
    const reports = [start.report('a'), start.report('b')]
    const r = await applyEvents(store.sqlite, [...reports, ...head, bad, ...after], 'replay')
    expect(r.cursor).toBe(7)
    expect(r.quarantined).toBe(2)
    const rows = await getIncidents(store.sqlite, ['a', 'b'])
    expect(rows.get('a')?.version).toBe(reportA.version)
    expect(rows.get('b')?.status).toBe('dispatched')
    const q = await store.sqlite.all('SELECT seq, incident_id, reason FROM quarantine ORDER BY seq')
    expect(q.map((x) => x.seq)).toEqual([5, 7])
    expect(String(q[1]?.reason)).toMatch(/blocked/)
    const stale = await store.sqlite.get("SELECT stale_since_seq AS s FROM incidents WHERE id = 'a'")
    expect(stale?.s).toBe(5)
  })

  it('places an event with an unreadable seq between its neighbours', async () => {
    const f = new EventFactory()
    const events: unknown[] = f.stream(5, 2)
    events[2] = { garbage: true }
    const r = await applyEvents(store.sqlite, events, 'live')
    expect(r.cursor).toBe(5)
    expect(r.quarantined).toBeGreaterThanOrEqual(1)
    const q = await store.sqlite.get('SELECT seq FROM quarantine ORDER BY seq LIMIT 1')
    expect(q?.seq).toBe(3)
  })

  it('keeps a page whole: a write failing in its last chunk leaves no part of it, and the retry applies it', async () => {
    const f = new EventFactory()
    const events = f.stream(2000, 300) // each page touches every incident several times, across chunks
    await applyEvents(store.sqlite, events.slice(0, 1000), 'replay')
    const before = await getIncidents(store.sqlite, [...f.incidents.keys()])
    // SQLite refuses one row of the second page's last chunk, after earlier chunks were written.
    await store.sqlite.exec(
      `CREATE TRIGGER refuse BEFORE INSERT ON incident_events WHEN NEW.seq = 1990 BEGIN SELECT RAISE(ABORT, 'disk says no'); END`,
    )
    await expect(applyEvents(store.sqlite, events.slice(1000, 2000), 'replay')).rejects.toThrow(/disk says no/)
    expect((await readSyncState(store.sqlite)).cursor).toBe(1000)
    expect(Number((await store.sqlite.get('SELECT max(seq) AS s FROM incident_events'))?.s)).toBe(1000)
    expect(await getIncidents(store.sqlite, [...f.incidents.keys()])).toEqual(before)

    await store.sqlite.exec('DROP TRIGGER refuse')
    const r = await applyEvents(store.sqlite, events.slice(1000, 2000), 'replay')
    expect(r.applied).toBe(1000)
    const rows = await getIncidents(store.sqlite, [...f.incidents.keys()])
    for (const [id, inc] of f.incidents) expect(rows.get(id)).toEqual({ ...inc, stale: false })
  })

  it('applies a town-scoped batch: the events it holds, the cursor to the end of the range it covers', async () => {
    const f = new EventFactory()
    const events = f.stream(60, 6) // six cases; say this workstation may read two of them
    const mine = new Set([events[0]!.incidentId, events[3]!.incidentId])
    const visible = events.filter((e) => mine.has(e.incidentId))
    const r = await applyEvents(
      store.sqlite,
      visible.filter((e) => e.seq <= 40),
      'replay',
      {
        fromSeq: null,
        throughSeq: 40,
      },
    )
    expect(r.cursor).toBe(40)
    expect(r.applied).toBe(visible.filter((e) => e.seq <= 40).length)
    // A batch with nothing for us (seq 41 is another case's) still moves the cursor.
    expect(visible.some((e) => e.seq === 41)).toBe(false)
    expect((await applyEvents(store.sqlite, [], 'live', { fromSeq: 41, throughSeq: 41 })).cursor).toBe(41)
    const next = visible.filter((e) => e.seq > 41 && e.seq <= 45)
    expect((await applyEvents(store.sqlite, next, 'live', { fromSeq: 42, throughSeq: 45 })).applied).toBe(next.length)
    // One that starts past cursor+1 means a batch was lost: nothing is applied.
    const lost = await applyEvents(store.sqlite, visible, 'live', { fromSeq: 50, throughSeq: 60 })
    expect(lost).toMatchObject({ cursor: 45, applied: 0, gapAt: 46 })
    // Overlapping the cursor is fine: what it already has drops out.
    const rest = await applyEvents(store.sqlite, visible, 'live', { fromSeq: 30, throughSeq: 60 })
    expect(rest.cursor).toBe(60)
    expect(rest.applied).toBe(visible.filter((e) => e.seq > 45).length)
    expect((await readSyncState(store.sqlite)).cursor).toBe(60)
    const rows = await getIncidents(store.sqlite, [...f.incidents.keys()])
    expect([...rows.keys()].sort()).toEqual([...mine].sort())
    for (const id of mine) expect(rows.get(id)).toEqual({ ...f.incidents.get(id), stale: false })
  })
})
