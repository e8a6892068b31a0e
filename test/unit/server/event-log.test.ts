import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SqliteDatabase } from '@infra/sqlite'
import type { Incident, IncidentEvent } from '@shared/domain'
import type { CommandReply } from '@shared/protocol'
import { openServerDb } from '../../../src/server/db/open'
import { commandKey, EventLog } from '../../../src/server/log/event-log'
import { canonicalJson, eventHash, GENESIS_HASH } from '../../../src/server/log/hash'
import { EVENT_JSON, eventFromRow, incidentFromRow, incidentToRow, type EventRow } from '../../../src/server/log/rows'
import { verifyChain } from '../../../src/server/log/verify'
import { EventFactory } from '../sync/event-factory'

let dir: string
let db: SqliteDatabase
let log: EventLog

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gc-log-'))
  const s = await openServerDb(dir)
  db = s.db
  log = new EventLog(s.db, s.orm)
})
afterEach(async () => {
  await db.close()
  rmSync(dir, { recursive: true, force: true })
})

/** Rows for `events`, hash-chained from `prev` the way the processor appends them. */
function chain(events: readonly IncidentEvent[], prev = GENESIS_HASH): EventRow[] {
  return events.map((e) => {
    const payload = canonicalJson(e.payload)
    const row = { ...e, payload, prevHash: prev, hash: '' }
    row.hash = eventHash(row, payload)
    prev = row.hash
    return row
  })
}

const reply = (seq: number): CommandReply => ({ status: 'applied', seq, version: 1, incidentId: `i${seq}` })

async function written(n = 30, cases = 5) {
  const f = new EventFactory()
  const events = f.stream(n, cases)
  const rows = chain(events)
  const decided = events.map((e) => ({
    commandId: e.commandId!,
    actorId: e.actorId,
    reply: reply(e.seq),
    decidedAt: 1,
  }))
  await log.writeBatch(rows, [...f.incidents.values()], decided)
  return { f, events, rows }
}

describe('the event log store', () => {
  it('starts empty at the genesis, with an identity that stays', async () => {
    expect(await log.head()).toEqual({ seq: 0, hash: GENESIS_HASH })
    expect(await log.oldestSeq()).toBe(1)
    const id = await log.serverId()
    expect(id).toMatch(/^srv-[0-9a-f-]{36}$/)
    expect(await log.serverId()).toBe(id)
    expect(await log.getMeta('serverId')).toBe(id)
    expect(await log.getMeta('nothing')).toBeNull()
    expect(await log.readAfter(0, 10)).toEqual([])
    expect(await log.loadIncidents()).toEqual([])
  })

  it('writes events, the incidents they changed and the decided commands in one batch, and reads them back', async () => {
    const { f, events, rows } = await written()
    expect(await log.head()).toEqual({ seq: 30, hash: rows[29]!.hash })
    // The head record moved in the same transaction (a log later cut short disagrees with it).
    expect(JSON.parse((await log.getMeta('head'))!)).toEqual({ seq: 30, hash: rows[29]!.hash })
    // Read back as the protocol's events: same fields, same values, key order as eventFromRow.
    const back = await log.readAfter(0, 100)
    expect(back).toEqual(rows.map(eventFromRow))
    expect(back.map((e) => JSON.stringify(e))).toEqual(rows.map((r) => JSON.stringify(eventFromRow(r))))
    expect(back.map((e) => e.payload)).toEqual(events.map((e) => JSON.parse(canonicalJson(e.payload)) as unknown))
    expect((await log.readAfter(10, 5)).map((e) => e.seq)).toEqual([11, 12, 13, 14, 15])
    expect((await log.readAfter(10, 100, 12)).map((e) => e.seq)).toEqual([11, 12])
    const id = events[0]!.incidentId
    expect((await log.eventsOf(id)).map((e) => e.seq)).toEqual(
      events.filter((e) => e.incidentId === id).map((e) => e.seq),
    )
    const stored = await log.loadIncidents()
    expect(new Map(stored.map((i) => [i.id, i]))).toEqual(f.incidents)
    const key = (e: IncidentEvent) => ({ actorId: e.actorId, commandId: e.commandId! })
    const found = await log.findCommands([
      key(events[3]!),
      { actorId: events[3]!.actorId, commandId: 'unknown' },
      key(events[7]!),
    ])
    expect(found).toEqual(
      new Map([
        [commandKey(key(events[3]!)), reply(4)],
        [commandKey(key(events[7]!)), reply(8)],
      ]),
    )
    // Command ids are the client's: the same id from another principal is another command.
    expect((await log.findCommands([{ actorId: 'someone-else', commandId: events[3]!.commandId! }])).size).toBe(0)
    expect((await verifyChain(log.db)).ok).toBe(true)
  })

  it('updates changed incidents in place and keeps the first decision for a command', async () => {
    const { f, events, rows } = await written(10, 2)
    const id = events[0]!.incidentId
    const more = f.stream(4, 1).concat([f.step(id)])
    const next = chain(more, rows[9]!.hash)
    await log.writeBatch(
      next,
      [...f.incidents.values()],
      [
        { commandId: events[0]!.commandId!, actorId: events[0]!.actorId, reply: reply(99), decidedAt: 2 },
        { commandId: events[0]!.commandId!, actorId: 'someone-else', reply: reply(98), decidedAt: 2 },
      ],
    )
    expect(new Map((await log.loadIncidents()).map((i) => [i.id, i]))).toEqual(f.incidents)
    const first = { actorId: events[0]!.actorId, commandId: events[0]!.commandId! }
    const other = { actorId: 'someone-else', commandId: events[0]!.commandId! }
    const replies = await log.findCommands([first, other])
    expect(replies.get(commandKey(first))).toEqual(reply(1))
    expect(replies.get(commandKey(other))).toEqual(reply(98))
    const row = await db.get('SELECT status, updated_at, last_seq FROM incidents WHERE id = ?', [id])
    const inc = f.incidents.get(id)!
    expect(row).toEqual({ status: inc.status, updated_at: inc.updatedAt, last_seq: inc.lastSeq })
    // Nothing to write is no transaction at all.
    await log.writeBatch([], [], [])
    expect((await log.head()).seq).toBe(15)
  })

  it('finds decided commands in chunks, however many are asked for', async () => {
    const ids = Array.from({ length: 1203 }, () => crypto.randomUUID())
    await log.writeBatch(
      [],
      [],
      ids.map((commandId, i) => ({ commandId, actorId: 'a', reply: reply(i + 1), decidedAt: 0 })),
    )
    const found = await log.findCommands([...ids, 'x'].map((commandId) => ({ actorId: 'a', commandId })))
    expect(found.size).toBe(1203)
    expect(found.get(commandKey({ actorId: 'a', commandId: ids[1202]! }))).toEqual(reply(1203))
    expect(found.get(commandKey({ actorId: 'a', commandId: ids[0]! }))).toEqual(reply(1))
  })

  it('writes more than one chunk of events and incidents in one batch', async () => {
    const f = new EventFactory()
    const events = f.stream(1200, 600)
    await log.writeBatch(chain(events), [...f.incidents.values()], [])
    expect((await log.head()).seq).toBe(1200)
    expect((await log.loadIncidents()).length).toBe(600)
    expect((await verifyChain(log.db)).ok).toBe(true)
  })

  it('prunes before a seq, keeping the anchor so the rest still verifies', async () => {
    const { rows } = await written()
    await log.pruneBefore(1) // nothing before the oldest
    expect(await log.oldestSeq()).toBe(1)
    await log.pruneBefore(11)
    expect(await log.oldestSeq()).toBe(11)
    expect(await log.getMeta('anchorHash')).toBe(rows[9]!.hash)
    expect((await log.readAfter(0, 100)).map((e) => e.seq)[0]).toBe(11)
    expect(await verifyChain(log.db)).toMatchObject({ ok: true, checked: 20, oldestSeq: 11, projectionChecked: false })
    await log.pruneBefore(5) // already gone: no-op
    expect(await log.oldestSeq()).toBe(11)
    await expect(log.pruneBefore(40)).rejects.toThrow(/event 39 is not in the log/)
    expect(await log.oldestSeq()).toBe(11)
    // Everything pruned: the anchor is the head.
    await log.pruneBefore(31)
    expect(await log.head()).toEqual({ seq: 30, hash: rows[29]!.hash })
    expect(await log.readAfter(0, 10)).toEqual([])
  })

  it('stores one layout per actor and replaces it', async () => {
    expect(await log.getLayout('op')).toBeNull()
    await log.saveLayout('op', JSON.stringify({ screens: [1] }), 5)
    await log.saveLayout('sup', JSON.stringify({ screens: [2] }), 6)
    await log.saveLayout('op', JSON.stringify({ screens: [3] }), 7)
    expect(await log.getLayout('op')).toEqual({ layout: { screens: [3] }, updatedAt: 7 })
    expect(await log.getLayout('sup')).toEqual({ layout: { screens: [2] }, updatedAt: 6 })
  })

  it('sets meta values and replaces them', async () => {
    await log.setMeta('k', 'v1')
    await log.setMeta('k', 'v2')
    expect(await log.getMeta('k')).toBe('v2')
  })
})

describe('rows', () => {
  it('turn an incident into its row and back, with the filter columns filled', () => {
    const f = new EventFactory()
    f.stream(8, 1)
    const inc = [...f.incidents.values()][0] as Incident
    const row = incidentToRow(inc)
    expect(row).toEqual({
      id: inc.id,
      code: inc.code,
      townId: inc.townId,
      category: inc.category,
      status: inc.status,
      reportedAt: inc.reportedAt,
      updatedAt: inc.updatedAt,
      lastSeq: inc.lastSeq,
      data: JSON.stringify(inc),
    })
    expect(incidentFromRow(row)).toEqual(inc)
  })

  it('read an event row as SQLite builds it (EVENT_JSON) exactly as eventFromRow does', async () => {
    const { rows } = await written(12, 3)
    const built = await db.all(`SELECT ${EVENT_JSON} AS e FROM events ORDER BY seq`)
    expect(built.map((r) => String(r.e))).toEqual(rows.map((r) => JSON.stringify(eventFromRow(r))))
  })
})

describe('canonical JSON', () => {
  it('sorts keys by code unit at every level, drops undefined members and writes no whitespace', () => {
    expect(canonicalJson({ b: [{ y: 1, x: undefined, a: 'é' }], A: null, a: true })).toBe(
      '{"A":null,"a":true,"b":[{"a":"é","y":1}]}',
    )
    expect(canonicalJson({ 中: 1, z: 2, Z: 3, '10': 4, '9': 5 })).toBe('{"10":4,"9":5,"Z":3,"z":2,"中":1}')
    expect(canonicalJson([])).toBe('[]')
    expect(canonicalJson({})).toBe('{}')
    expect(canonicalJson('x')).toBe('"x"')
    expect(canonicalJson(1.5)).toBe('1.5')
    expect(canonicalJson(undefined)).toBe('null')
    expect(canonicalJson([undefined, 1])).toBe('[null,1]')
  })

  it('hashes exactly the documented text: prevHash, the fields in order, the canonical payload', async () => {
    const e = {
      seq: 7,
      incidentId: 'i',
      type: 'comment',
      actorId: 'a',
      role: 'operator',
      workstationId: 'w',
      serverTime: 5,
      issuedAt: 4,
      commandId: 'c',
      version: 2,
      prevHash: 'p'.repeat(64),
    }
    const text = `${'p'.repeat(64)}\n[7,"i","comment","a","operator","w",5,4,"c",2]\n{"text":"x"}`
    const { createHash } = await import('node:crypto')
    expect(eventHash(e, '{"text":"x"}')).toBe(createHash('sha256').update(text).digest('hex'))
  })
})
