import { describe, expect, it } from 'vitest'
import type { Incident, IncidentEvent } from '@shared/domain'
import type { EventLog } from '../../../src/server/log/event-log'
import { canonicalJson, eventHash, GENESIS_HASH } from '../../../src/server/log/hash'
import type { EventRow } from '../../../src/server/log/rows'
import { verifyChain } from '../../../src/server/log/verify'
import { EventFactory } from '../sync/event-factory'

/** Stored rows for a stream of events, hash-chained from `prev` the way the server appends them. */
function chain(events: readonly IncidentEvent[], prev = GENESIS_HASH): EventRow[] {
  return events.map((e) => {
    const payload = canonicalJson(e.payload)
    const row = { ...e, payload, prevHash: prev, hash: '' }
    row.hash = eventHash(row, payload)
    prev = row.hash
    return row
  })
}

/** What verify reads of the store, over plain arrays the test can damage. */
function store(o: { rows: EventRow[]; incidents: Incident[]; oldest?: number; anchor?: string }): EventLog {
  const meta: Record<string, string> = {}
  if (o.oldest !== undefined) meta.oldestSeq = String(o.oldest)
  if (o.anchor !== undefined) meta.anchorHash = o.anchor
  const log = {
    oldestSeq: async () => Number(meta.oldestSeq ?? '1'),
    getMeta: async (key: string) => meta[key] ?? null,
    rowsFrom: async (from: number, limit: number) => o.rows.filter((r) => r.seq >= from).slice(0, limit),
    loadIncidents: async () => o.incidents.map((i) => ({ ...i })),
  }
  return log as unknown as EventLog
}

function fixture(n = 60, cases = 9) {
  const f = new EventFactory()
  const events = f.stream(n, cases)
  return { f, events, rows: chain(events), incidents: [...f.incidents.values()] }
}

describe('verifyChain', () => {
  it('walks the whole log page by page and checks the projection against a replay', async () => {
    const { rows, incidents } = fixture()
    for (const pageSize of [1, 7, 60, 5000]) {
      expect(await verifyChain(store({ rows, incidents }), pageSize)).toEqual({
        ok: true,
        checked: 60,
        oldestSeq: 1,
        headSeq: 60,
        problem: null,
        projectionChecked: true,
      })
    }
  })

  it('passes an empty log', async () => {
    expect(await verifyChain(store({ rows: [], incidents: [] }))).toEqual({
      ok: true,
      checked: 0,
      oldestSeq: 1,
      headSeq: 0,
      problem: null,
      projectionChecked: true,
    })
  })

  it('finds an incident row that differs from the log, in any field, and names its last seq', async () => {
    const { rows, incidents } = fixture()
    const victim = incidents[3]!
    for (const edit of [{ title: '改过的标题' }, { status: 'merged' }, { version: victim.version + 1 }, { lat: 0 }]) {
      const damaged = incidents.map((i) => (i.id === victim.id ? ({ ...i, ...edit } as Incident) : i))
      const r = await verifyChain(store({ rows, incidents: damaged }), 7)
      expect(r).toMatchObject({ ok: false, projectionChecked: false, checked: 60, headSeq: 60 })
      expect(r.problem).toEqual({ seq: victim.lastSeq, reason: `incident ${victim.code} differs from the log` })
    }
  })

  it('checks the incident the newest event changed too', async () => {
    const { rows, incidents } = fixture()
    const newest = incidents.find((i) => i.lastSeq === 60)!
    const damaged = incidents.map((i) => (i.id === newest.id ? { ...i, title: '改过' } : i))
    expect((await verifyChain(store({ rows, incidents: damaged }))).problem).toEqual({
      seq: 60,
      reason: `incident ${newest.code} differs from the log`,
    })
  })

  it('finds an incident missing from the table, and one the log never made', async () => {
    const { rows, incidents } = fixture()
    const victim = incidents[5]!
    const missing = await verifyChain(store({ rows, incidents: incidents.filter((i) => i.id !== victim.id) }))
    expect(missing.ok).toBe(false)
    expect(missing.problem).toEqual({
      seq: victim.lastSeq,
      reason: `incident ${victim.code} is missing from the incidents table`,
    })
    const stray: Incident = { ...victim, id: 'never-reported', code: 'ZS-999999', lastSeq: 12 }
    const extra = await verifyChain(store({ rows, incidents: [...incidents, stray] }))
    expect(extra.ok).toBe(false)
    expect(extra.problem).toEqual({ seq: 12, reason: 'incident ZS-999999 differs from the log' })
  })

  it('compares fields, not key order, and skips rows newer than the walked head', async () => {
    const { f, rows, incidents } = fixture()
    const reordered = incidents.map((i) => Object.fromEntries(Object.entries(i).reverse()) as unknown as Incident)
    expect((await verifyChain(store({ rows, incidents: reordered }))).ok).toBe(true)
    // The server committed seq 61 after the walk read the log, before it read the incidents table.
    const later = f.step(incidents[0]!.id)
    const moved = incidents.map((i) => (i.id === later.incidentId ? f.incidents.get(i.id)! : i))
    expect(later.seq).toBe(61)
    expect(await verifyChain(store({ rows, incidents: moved }))).toMatchObject({ ok: true, headSeq: 60 })
  })

  it('names a missing seq, and stops the walk there', async () => {
    const { rows, incidents } = fixture()
    const r = await verifyChain(store({ rows: rows.filter((x) => x.seq !== 25), incidents }), 10)
    expect(r).toEqual({
      ok: false,
      checked: 24,
      oldestSeq: 1,
      headSeq: 24,
      problem: { seq: 25, reason: 'seq 25 is missing (next is 26)' },
      projectionChecked: false,
    })
  })

  it('names an event whose content changed, and the next one when its hash was recomputed too', async () => {
    const { events, rows, incidents } = fixture()
    const edited = rows.map((x) => (x.seq === 30 ? { ...x, workstationId: 'forged' } : x))
    expect((await verifyChain(store({ rows: edited, incidents }))).problem).toEqual({
      seq: 30,
      reason: 'hash does not match the event content',
    })
    const forged = rows.map((x) => (x.seq === 30 ? { ...x, workstationId: 'forged' } : x))
    forged[29]!.hash = eventHash(forged[29]!, forged[29]!.payload)
    const r = await verifyChain(store({ rows: forged, incidents }))
    expect(r.problem).toEqual({ seq: 31, reason: 'prevHash does not match the previous event' })
    expect(r.checked).toBe(30)
    // Re-chaining everything after it is the only way through, and the genesis anchors the first link.
    const rechained = chain(events.map((e) => (e.seq === 30 ? { ...e, workstationId: 'forged' } : e)))
    expect((await verifyChain(store({ rows: rechained, incidents }))).ok).toBe(true)
    const wrongStart = chain(events, 'f'.repeat(64))
    expect((await verifyChain(store({ rows: wrongStart, incidents }))).problem).toEqual({
      seq: 1,
      reason: 'prevHash does not match the previous event',
    })
  })

  it('names an event that does not fit the projection, even when its hashes are in order', async () => {
    const { events, incidents } = fixture()
    const broken = chain(events.map((e) => (e.seq === 40 ? ({ ...e, version: e.version + 5 } as IncidentEvent) : e)))
    const r = await verifyChain(store({ rows: broken, incidents }))
    expect(r.ok).toBe(false)
    expect(r.problem?.seq).toBe(40)
    expect(r.problem?.reason).toMatch(/^event does not apply: Error: event 40 has version/)
  })

  it('after retention, walks from the anchor and leaves the projection unchecked', async () => {
    const { rows, incidents } = fixture()
    const kept = rows.filter((x) => x.seq >= 21)
    const anchor = rows[19]!.hash
    // Without the pruned events a replay cannot rebuild the incidents; a damaged table is not looked at.
    const damaged = incidents.map((i) => ({ ...i, title: 'x' }))
    expect(await verifyChain(store({ rows: kept, incidents: damaged, oldest: 21, anchor }), 7)).toEqual({
      ok: true,
      checked: 40,
      oldestSeq: 21,
      headSeq: 60,
      problem: null,
      projectionChecked: false,
    })
    expect((await verifyChain(store({ rows: kept, incidents, oldest: 21, anchor: GENESIS_HASH }))).problem).toEqual({
      seq: 21,
      reason: 'prevHash does not match the previous event',
    })
    // Everything pruned: nothing to walk, the anchor is the head.
    expect(await verifyChain(store({ rows: [], incidents, oldest: 61, anchor: rows[59]!.hash }))).toMatchObject({
      ok: true,
      checked: 0,
      oldestSeq: 61,
      headSeq: 60,
    })
  })
})
