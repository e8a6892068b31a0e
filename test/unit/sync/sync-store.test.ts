import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Incident, Principal, ReferenceData } from '@shared/domain'
import type { Store } from '../../../src/main/core/store/open-store'
import { getIncidents } from '../../../src/main/core/store/incident-queries'
import { applySnapshotPage } from '../../../src/main/core/sync/apply-snapshot'
import { isReferenceData, ReferenceCache } from '../../../src/main/core/sync/reference-cache'
import { parsePrincipal, readSyncState, savePrincipal } from '../../../src/main/core/sync/sync-state'
import { looseField, parseIncident, safeJson } from '../../../src/main/core/sync/validate'
import { Outbox } from '../../../src/main/core/sync/outbox'
import { EventFactory } from './event-factory'
import { tempStore } from './helpers'

let store: Store
let cleanup: () => Promise<void>
beforeEach(async () => ({ store, cleanup } = await tempStore()))
afterEach(() => cleanup())

const OP: Principal = { actorId: 'op-1', name: '值班员', role: 'operator', towns: ['henglan'] }
const REF: ReferenceData = {
  version: 'ref-7',
  towns: [
    { id: 'henglan', name: '横栏镇', nameEn: 'Henglan', kind: 'town', areaKm2: 1, population: 1, lat: 0, lng: 0 },
  ],
  grids: [],
  departments: [{ id: 'fire', name: '消防救援', nameEn: 'Fire' }],
  teams: [{ id: 'hl-1', townId: 'henglan', name: '横栏联勤一队', officer: '警员', gridWorkerId: 'w-1' }],
  workers: [{ id: 'w-1', name: '网格员甲', townId: 'henglan', gridId: 'g', fullTime: true }],
}

describe('sync state', () => {
  it('is created on first read: no server, cursor 0, nothing resetting', async () => {
    expect(await readSyncState(store.sqlite)).toEqual({
      serverId: null,
      cursor: 0,
      referenceVersion: null,
      newestEventAt: null,
      principal: null,
      resetting: false,
    })
    expect((await store.sqlite.all('SELECT id FROM sync_state')).length).toBe(1)
  })

  it('keeps the principal the server last named, and reads every column back', async () => {
    await savePrincipal(store.sqlite, OP)
    await store.sqlite.run(
      "UPDATE sync_state SET server_id = 'srv-1', cursor = 42, reference_version = 'r', newest_event_at = 9, resetting = 1",
    )
    expect(await readSyncState(store.sqlite)).toEqual({
      serverId: 'srv-1',
      cursor: 42,
      referenceVersion: 'r',
      newestEventAt: 9,
      principal: OP,
      resetting: true,
    })
  })

  it('reads a stored principal only when it is JSON', () => {
    expect(parsePrincipal(JSON.stringify(OP))).toEqual(OP)
    expect(parsePrincipal('{not json')).toBeNull()
    expect(parsePrincipal('')).toBeNull()
    expect(parsePrincipal(null)).toBeNull()
    expect(parsePrincipal(7)).toBeNull()
  })
})

describe('the reference cache', () => {
  it('knows nothing before the first fetch and lets the server decide assignees meanwhile', async () => {
    const cache = new ReferenceCache(store.sqlite)
    expect(await cache.load()).toBeNull()
    expect(cache.get()).toBeNull()
    expect(cache.nameOf('fire')).toBeNull()
    expect(cache.assigneeExists('department', 'anything')).toBe(true)
  })

  it('saves a version, names people and units, and tells real assignees from unknown ones', async () => {
    const cache = new ReferenceCache(store.sqlite)
    await cache.save(REF)
    expect(cache.get()).toEqual(REF)
    expect((await readSyncState(store.sqlite)).referenceVersion).toBe('ref-7')
    expect(cache.nameOf('w-1')).toBe('网格员甲')
    expect(cache.nameOf('hl-1')).toBe('横栏联勤一队')
    expect(cache.nameOf('fire')).toBe('消防救援')
    expect(cache.nameOf('nobody')).toBeNull()
    expect(cache.assigneeExists('department', 'fire')).toBe(true)
    expect(cache.assigneeExists('team', 'hl-1')).toBe(true)
    expect(cache.assigneeExists('team', 'fire')).toBe(false)
    expect(cache.assigneeExists('department', 'hl-1')).toBe(false)
    // A restart reads it back; a newer version replaces it.
    const again = new ReferenceCache(store.sqlite)
    expect(await again.load()).toEqual(REF)
    expect(again.nameOf('fire')).toBe('消防救援')
    await again.save({ ...REF, version: 'ref-8', departments: [] })
    expect(again.assigneeExists('department', 'fire')).toBe(false)
    expect((await store.sqlite.all('SELECT version FROM reference_data')).map((r) => r.version)).toEqual(['ref-8'])
  })

  it('treats a damaged stored copy as none', async () => {
    const cache = new ReferenceCache(store.sqlite)
    await cache.save(REF)
    await store.sqlite.run("UPDATE reference_data SET data = '{broken'")
    expect(await cache.load()).toBeNull()
    expect(cache.nameOf('fire')).toBeNull()
    await store.sqlite.run(`UPDATE reference_data SET data = '{"version":"x"}'`)
    expect(await cache.load()).toBeNull()
  })

  it('recognises reference data by its version and rows with ids', () => {
    expect(isReferenceData(REF)).toBe(true)
    expect(isReferenceData(null)).toBe(false)
    expect(isReferenceData('ref')).toBe(false)
    expect(isReferenceData({ ...REF, version: 7 })).toBe(false)
    for (const key of ['towns', 'grids', 'departments', 'teams', 'workers'] as const) {
      expect(isReferenceData({ ...REF, [key]: undefined })).toBe(false)
      expect(isReferenceData({ ...REF, [key]: [{ name: 'no id' }] })).toBe(false)
      expect(isReferenceData({ ...REF, [key]: [null] })).toBe(false)
      expect(isReferenceData({ ...REF, [key]: [{ id: 5 }] })).toBe(false)
    }
  })
})

describe('a reset from snapshot', () => {
  it('wipes the cache on the first page and adopts the cursor and server only with the last', async () => {
    const f = new EventFactory()
    f.stream(40, 6)
    const all = [...f.incidents.values()]
    // From before the reset: a pruned id, and two commands the old server accepted at 30 and 45, not yet cached.
    await store.sqlite.run("INSERT INTO pruned_incidents (id, pruned_at) VALUES ('old', 1)")
    await readSyncState(store.sqlite)
    await store.sqlite.run("UPDATE sync_state SET cursor = 20, server_id = 'srv-old'")
    const outbox = new Outbox(store.sqlite)
    await outbox.submit({ type: 'comment', incidentId: all[0]!.id, expectedVersion: null, payload: { text: 'a' } }, OP)
    await outbox.submit({ type: 'comment', incidentId: all[0]!.id, expectedVersion: null, payload: { text: 'b' } }, OP)
    const [first, second] = await outbox.entries()
    await outbox.settle(first!, { status: 'applied', seq: 30, version: 2, incidentId: all[0]!.id })
    await outbox.settle(second!, { status: 'applied', seq: 45, version: 3, incidentId: all[0]!.id })

    const page1 = await applySnapshotPage(
      store.sqlite,
      { incidents: all.slice(0, 4), seq: 40, sent: 4, total: 6, done: false },
      { first: true, serverId: 'srv-new' },
    )
    expect(page1).toEqual({ stored: 4, quarantined: 0, cursor: 0 })
    // Mid-reset: a crash now says hello as a blank cache.
    expect(await readSyncState(store.sqlite)).toMatchObject({
      cursor: 0,
      serverId: null,
      resetting: true,
      newestEventAt: null,
    })
    expect((await store.sqlite.all('SELECT id FROM pruned_incidents')).length).toBe(0)

    const broken = { ...all[5]!, status: 'teleported' } as unknown as Incident
    const page2 = await applySnapshotPage(
      store.sqlite,
      { incidents: [all[4]!, broken, 'junk' as never], seq: 40, sent: 6, total: 6, done: true },
      { first: false, serverId: 'srv-new' },
    )
    expect(page2).toEqual({ stored: 1, quarantined: 2, cursor: 40 })
    const state = await readSyncState(store.sqlite)
    const newest = Math.max(...all.slice(0, 5).map((i) => i.updatedAt))
    expect(state).toMatchObject({ cursor: 40, serverId: 'srv-new', resetting: false, newestEventAt: newest })
    const rows = await getIncidents(
      store.sqlite,
      all.map((i) => i.id),
    )
    expect([...rows.keys()].sort()).toEqual(
      all
        .slice(0, 5)
        .map((i) => i.id)
        .sort(),
    )
    for (const i of all.slice(0, 5)) expect(rows.get(i.id)).toEqual({ ...i, stale: false })
    const q = await store.sqlite.all('SELECT seq, incident_id, source, reason FROM quarantine ORDER BY id')
    expect(q.map((r) => [r.seq, r.incident_id, r.source])).toEqual([
      [null, all[5]!.id, 'snapshot'],
      [null, null, 'snapshot'],
    ])
    expect(String(q[0]!.reason)).toMatch(/^invalid snapshot incident: status/)
    // The accepted command the snapshot holds (30 ≤ 40) is no longer overlaid; the one at 45 still is.
    expect((await outbox.entries()).map((e) => e.ackedSeq)).toEqual([45])
  })

  it('keeps the newest event time it knew when the snapshot holds older cases', async () => {
    const f = new EventFactory()
    f.stream(5, 1)
    await readSyncState(store.sqlite)
    await store.sqlite.run('UPDATE sync_state SET newest_event_at = ?', [Number.MAX_SAFE_INTEGER - 1])
    await applySnapshotPage(
      store.sqlite,
      { incidents: [...f.incidents.values()], seq: 5, sent: 1, total: 1, done: true },
      { first: false, serverId: 's' },
    )
    expect((await readSyncState(store.sqlite)).newestEventAt).toBe(Number.MAX_SAFE_INTEGER - 1)
    const empty = await applySnapshotPage(
      store.sqlite,
      { incidents: 'not a list' as never, seq: 9, sent: 0, total: 0, done: true },
      { first: true, serverId: 's2' },
    )
    expect(empty).toEqual({ stored: 0, quarantined: 0, cursor: 9 })
    expect(await readSyncState(store.sqlite)).toMatchObject({ cursor: 9, serverId: 's2', resetting: false })
  })
})

describe('validation helpers', () => {
  it('checks a snapshot incident like an event, naming what is wrong', () => {
    const f = new EventFactory()
    f.stream(3, 1)
    const inc = [...f.incidents.values()][0]!
    expect(parseIncident(inc)).toEqual({ ok: true, incident: inc })
    const bad = parseIncident({ ...inc, lat: 91, version: 0 })
    expect(bad.ok).toBe(false)
    if (!bad.ok) {
      expect(bad.error).toMatch(/lat: /)
      expect(bad.error).toMatch(/; version: /)
    }
  })

  it('reads fields loosely and writes anything as bounded JSON', () => {
    expect(looseField({ a: 1 }, 'a')).toBe(1)
    expect(looseField(null, 'a')).toBeUndefined()
    expect(looseField('str', 'length')).toBeUndefined()
    expect(safeJson({ a: [1] })).toBe('{"a":[1]}')
    expect(safeJson(undefined)).toBe('undefined')
    const loop: Record<string, unknown> = {}
    loop.self = loop
    expect(safeJson(loop)).toBe('[object Object]')
    expect(safeJson('x'.repeat(200_000))).toHaveLength(100_000)
  })
})
