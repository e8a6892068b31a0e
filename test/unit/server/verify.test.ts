import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { SqliteDatabase } from '@infra/sqlite'
import type { Incident, IncidentEvent } from '@shared/domain'
import { openServerDb } from '../../../src/server/db/open'
import * as schema from '../../../src/server/db/schema'
import { canonicalJson, eventHash, GENESIS_HASH } from '../../../src/server/log/hash'
import { incidentToRow, type EventRow } from '../../../src/server/log/rows'
import { HEAD_KEY } from '../../../src/server/log/tail'
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

const opened: { dir: string; db: SqliteDatabase }[] = []
afterEach(async () => {
  for (const o of opened.splice(0)) {
    await o.db.close()
    rmSync(o.dir, { recursive: true, force: true })
  }
})

/**
 * A real server store holding exactly these rows (damaged as the test likes), the retention meta
 * and a head record naming the last row (or the anchor when none is left), as appends leave it.
 */
async function store(o: { rows: EventRow[]; incidents: Incident[]; oldest?: number; anchor?: string }) {
  const dir = mkdtempSync(join(tmpdir(), 'gc-verify-'))
  const { db, orm } = await openServerDb(dir)
  opened.push({ dir, db })
  for (let i = 0; i < o.rows.length; i += 200) await orm.insert(schema.events).values(o.rows.slice(i, i + 200))
  if (o.incidents.length > 0) await orm.insert(schema.incidents).values(o.incidents.map(incidentToRow))
  const meta: Record<string, string> = {}
  if (o.oldest !== undefined) meta.oldestSeq = String(o.oldest)
  if (o.anchor !== undefined) meta.anchorHash = o.anchor
  const last = o.rows[o.rows.length - 1]
  meta[HEAD_KEY] = JSON.stringify(
    last ? { seq: last.seq, hash: last.hash } : { seq: (o.oldest ?? 1) - 1, hash: o.anchor ?? GENESIS_HASH },
  )
  for (const [key, value] of Object.entries(meta)) await orm.insert(schema.meta).values({ key, value })
  return db
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
      expect(await verifyChain(await store({ rows, incidents }), pageSize)).toEqual({
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
    expect(await verifyChain(await store({ rows: [], incidents: [] }))).toEqual({
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
      const r = await verifyChain(await store({ rows, incidents: damaged }), 7)
      expect(r).toMatchObject({ ok: false, projectionChecked: false, checked: 60, headSeq: 60 })
      expect(r.problem).toEqual({ seq: victim.lastSeq, reason: `incident ${victim.code} differs from the log` })
    }
  })

  it('checks the incident the newest event changed too', async () => {
    const { rows, incidents } = fixture()
    const newest = incidents.find((i) => i.lastSeq === 60)!
    const damaged = incidents.map((i) => (i.id === newest.id ? { ...i, title: '改过' } : i))
    expect((await verifyChain(await store({ rows, incidents: damaged }))).problem).toEqual({
      seq: 60,
      reason: `incident ${newest.code} differs from the log`,
    })
  })

  it('finds an incident missing from the table, and one the log never made', async () => {
    const { rows, incidents } = fixture()
    const victim = incidents[5]!
    const missing = await verifyChain(await store({ rows, incidents: incidents.filter((i) => i.id !== victim.id) }))
    expect(missing.ok).toBe(false)
    expect(missing.problem).toEqual({
      seq: victim.lastSeq,
      reason: `incident ${victim.code} is missing from the incidents table`,
    })
    const stray: Incident = { ...victim, id: 'never-reported', code: 'ZS-999999', lastSeq: 12 }
    const extra = await verifyChain(await store({ rows, incidents: [...incidents, stray] }))
    expect(extra.ok).toBe(false)
    expect(extra.problem).toEqual({ seq: 12, reason: 'incident ZS-999999 differs from the log' })
  })

  it('compares fields, not key order', async () => {
    const { rows, incidents } = fixture()
    const reordered = incidents.map((i) => Object.fromEntries(Object.entries(i).reverse()) as unknown as Incident)
    expect((await verifyChain(await store({ rows, incidents: reordered }))).ok).toBe(true)
  })

  it('names a log cut short at its end, which the chain alone cannot show', async () => {
    const { f, rows, incidents } = fixture()
    // An incidents row past the log's end: the newest events were removed (or an older file restored).
    const later = f.step(incidents[0]!.id)
    const moved = incidents.map((i) => (i.id === later.incidentId ? f.incidents.get(i.id)! : i))
    expect(await verifyChain(await store({ rows, incidents: moved }))).toMatchObject({
      ok: false,
      headSeq: 60,
      problem: { seq: 61, reason: "the incidents table reflects seq 61, past the log's end at 60" },
    })
    // The last ten events deleted, the head record left as the appends wrote it.
    const db = await store({ rows, incidents })
    await db.run('DELETE FROM events WHERE seq > 50')
    expect((await verifyChain(db)).problem).toEqual({
      seq: 51,
      reason: 'events 51…60 are missing from the end of the log (the head record says it reaches seq 60)',
    })
    // The head record removed as well: a log that has events but no head record is damaged too.
    await db.run(`DELETE FROM meta WHERE key = '${HEAD_KEY}'`)
    expect((await verifyChain(db)).problem).toEqual({ seq: 50, reason: 'the head record is missing' })
  })

  it('names a missing seq, and stops the walk there', async () => {
    const { rows, incidents } = fixture()
    const r = await verifyChain(await store({ rows: rows.filter((x) => x.seq !== 25), incidents }), 10)
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
    expect((await verifyChain(await store({ rows: edited, incidents }))).problem).toEqual({
      seq: 30,
      reason: 'hash does not match the event content',
    })
    const forged = rows.map((x) => (x.seq === 30 ? { ...x, workstationId: 'forged' } : x))
    forged[29]!.hash = eventHash(forged[29]!, forged[29]!.payload)
    const r = await verifyChain(await store({ rows: forged, incidents }))
    expect(r.problem).toEqual({ seq: 31, reason: 'prevHash does not match the previous event' })
    expect(r.checked).toBe(30)
    // Re-chaining everything after it is the only way through, and the genesis anchors the first link.
    const rechained = chain(events.map((e) => (e.seq === 30 ? { ...e, workstationId: 'forged' } : e)))
    expect((await verifyChain(await store({ rows: rechained, incidents }))).ok).toBe(true)
    const wrongStart = chain(events, 'f'.repeat(64))
    expect((await verifyChain(await store({ rows: wrongStart, incidents }))).problem).toEqual({
      seq: 1,
      reason: 'prevHash does not match the previous event',
    })
  })

  it('names an event that does not fit the projection, even when its hashes are in order', async () => {
    const { events, incidents } = fixture()
    const broken = chain(events.map((e) => (e.seq === 40 ? ({ ...e, version: e.version + 5 } as IncidentEvent) : e)))
    const r = await verifyChain(await store({ rows: broken, incidents }))
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
    expect(await verifyChain(await store({ rows: kept, incidents: damaged, oldest: 21, anchor }), 7)).toEqual({
      ok: true,
      checked: 40,
      oldestSeq: 21,
      headSeq: 60,
      problem: null,
      projectionChecked: false,
    })
    expect(
      (await verifyChain(await store({ rows: kept, incidents, oldest: 21, anchor: GENESIS_HASH }))).problem,
    ).toEqual({
      seq: 21,
      reason: 'prevHash does not match the previous event',
    })
    // Everything pruned: nothing to walk, the anchor is the head.
    expect(await verifyChain(await store({ rows: [], incidents, oldest: 61, anchor: rows[59]!.hash }))).toMatchObject({
      ok: true,
      checked: 0,
      oldestSeq: 61,
      headSeq: 60,
    })
  })
})
