import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SqliteDatabase } from '@infra/sqlite'
import {
  referenceLookup,
  type Command,
  type Incident,
  type IncidentEvent,
  type Principal,
  type ReferenceData,
} from '@shared/domain'
import { CommandProcessor } from '../../../src/server/commands/command-processor'
import { incidentCode } from '../../../src/server/commands/incident-codes'
import { openServerDb } from '../../../src/server/db/open'
import { EventLog } from '../../../src/server/log/event-log'
import { canonicalJson, eventHash, GENESIS_HASH } from '../../../src/server/log/hash'
import { verifyChain } from '../../../src/server/log/verify'

const OP: Principal = { actorId: 'op-1', name: '值班员', role: 'operator', towns: '*' }
const HL: Principal = { actorId: 'op-hl', name: '横栏', role: 'operator', towns: ['henglan'] }
/** Two towns of the district, each with one small grid: reports must name a real, consistent place. */
const DATA: ReferenceData = {
  version: 't',
  towns: [
    {
      id: 'henglan',
      name: '横栏镇',
      nameEn: 'Henglan',
      kind: 'town',
      areaKm2: 75,
      population: 1,
      lat: 22.5,
      lng: 113.3,
    },
    {
      id: 'dongfeng',
      name: '东凤镇',
      nameEn: 'Dongfeng',
      kind: 'town',
      areaKm2: 54,
      population: 1,
      lat: 22.7,
      lng: 113.3,
    },
  ],
  grids: [
    { id: 'henglan-g1', townId: 'henglan', parentId: null, level: 'small', name: '横栏一格', lat: 22.5, lng: 113.3 },
    { id: 'dongfeng-g1', townId: 'dongfeng', parentId: null, level: 'small', name: '东凤一格', lat: 22.7, lng: 113.3 },
  ],
  departments: [{ id: 'fire', name: '消防', nameEn: 'Fire' }],
  teams: [{ id: 'hl-team-1', townId: 'henglan', name: '横栏联勤一队', officer: '警', gridWorkerId: 'w-1' }],
  workers: [{ id: 'w-1', name: '甲', townId: 'henglan', gridId: 'henglan-g1', fullTime: true }],
}
const REFERENCE = referenceLookup(DATA, [])
/** 2026-06-15 09:00 in the district. */
const T0 = Date.UTC(2026, 5, 15, 1, 0, 0)

let dir: string
let db: SqliteDatabase
let log: EventLog
let now: number
let processor: CommandProcessor

async function open(): Promise<CommandProcessor> {
  const s = await openServerDb(dir)
  db = s.db
  log = new EventLog(s.db, s.orm)
  const incidents = await log.loadIncidents()
  const counter = incidents.reduce((m, i) => Math.max(m, Number(i.code.slice(-6))), 0)
  return new CommandProcessor(
    log,
    new Map(incidents.map((i) => [i.id, i])),
    await log.head(),
    counter,
    (kind, id) => (kind === 'department' && id === 'fire') || (kind === 'team' && id === 'hl-team-1'),
    REFERENCE,
    () => now,
  )
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gc-processor-'))
  now = T0
  processor = await open()
})
afterEach(async () => {
  await processor.close()
  await db.close()
  rmSync(dir, { recursive: true, force: true })
})

let n = 0
function report(id = `inc-${++n}`, townId = 'henglan'): Command {
  return {
    commandId: crypto.randomUUID(),
    type: 'report',
    incidentId: id,
    expectedVersion: null,
    issuedAt: T0 - 60_000,
    payload: {
      title: `事件 ${id}`,
      description: '',
      category: 'fire_safety',
      priority: 'normal',
      source: 'patrol',
      townId,
      gridId: `${townId}-g1`,
      componentId: null,
      lat: townId === 'dongfeng' ? 22.7 : 22.5,
      lng: 113.3,
      address: '路口',
    },
  }
}
function act<T extends Command['type']>(
  type: T,
  incidentId: string,
  expectedVersion: number | null,
  payload: Extract<Command, { type: T }>['payload'],
): Command {
  return { commandId: crypto.randomUUID(), type, incidentId, expectedVersion, payload, issuedAt: T0 } as Command
}

describe('the command processor', () => {
  it('appends a report as event 1 of a hash chain, with the fields the log promises', async () => {
    const cmd = report('a')
    const heard: IncidentEvent[][] = []
    processor.onCommit((events) => heard.push([...events]))
    const reply = await processor.submit({ command: cmd, principal: OP, workstationId: 'desk-3' })
    expect(reply).toEqual({ status: 'applied', seq: 1, version: 1, incidentId: 'a' })
    const [event] = await log.eventsOf('a')
    const code = incidentCode(T0, 1)
    expect(code).toBe('ZS-260615-000001')
    expect(event).toMatchObject({
      seq: 1,
      incidentId: 'a',
      type: 'report',
      actorId: 'op-1',
      role: 'operator',
      workstationId: 'desk-3',
      serverTime: T0,
      issuedAt: T0 - 60_000,
      commandId: cmd.commandId,
      version: 1,
      prevHash: GENESIS_HASH,
      payload: { ...cmd.payload, code },
    })
    expect(event!.hash).toBe(eventHash(event!, canonicalJson(event!.payload)))
    expect(processor.head).toEqual({ seq: 1, hash: event!.hash })
    expect(heard).toEqual([[{ ...event, payload: { ...cmd.payload, code } }]])
    expect(processor.get('a')).toMatchObject({ id: 'a', code, status: 'reported', reporterId: 'op-1' })
    expect(processor.byCode(code)?.id).toBe('a')
    expect(processor.byCode('ZS-000000-000000')).toBeNull()
    expect(processor.get('nope')).toBeNull()
    expect([...processor.all()].map((i) => i.id)).toEqual(['a'])
    expect(processor.incidentCount).toBe(1)
    // The stored projection is the one in memory.
    expect(await log.loadIncidents()).toEqual([processor.get('a')])
  })

  it('chains every event to the one before, in the order commands were submitted', async () => {
    const ids = ['a', 'b', 'c']
    const replies = await processor.submitMany(
      ids.map((id) => ({ command: report(id), principal: OP, workstationId: null })),
    )
    expect(replies.map((r) => (r.status === 'applied' ? r.seq : null))).toEqual([1, 2, 3])
    const events = await log.readAfter(0, 10)
    expect(events.map((e) => e.incidentId)).toEqual(ids)
    expect(events[1]!.prevHash).toBe(events[0]!.hash)
    expect(events[2]!.prevHash).toBe(events[1]!.hash)
    expect(processor.head.hash).toBe(events[2]!.hash)
    // Codes count on across commands.
    expect(ids.map((id) => processor.get(id)?.code.slice(-6))).toEqual(['000001', '000002', '000003'])
    expect((await verifyChain(log.db)).ok).toBe(true)
  })

  it('decides a batch against its own earlier decisions: report, accept, merge and dispatch in one turn', async () => {
    const blocker = processor.submit({ command: report('x'), principal: OP, workstationId: null })
    const batch = await Promise.all([
      processor.submit({ command: report('a'), principal: OP, workstationId: null }),
      processor.submit({ command: act('accept', 'a', 1, {}), principal: OP, workstationId: null }),
      processor.submit({ command: report('b'), principal: OP, workstationId: null }),
      processor.submit({ command: act('merge', 'b', 1, { duplicateOf: 'a' }), principal: OP, workstationId: null }),
      processor.submit({
        command: act('dispatch', 'a', 2, { assignee: { kind: 'department', id: 'fire' } }),
        principal: OP,
        workstationId: null,
      }),
    ])
    await blocker
    expect(batch.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied', 'applied'])
    expect(processor.get('a')).toMatchObject({ status: 'dispatched', version: 3, assigneeId: 'fire' })
    expect(processor.get('b')).toMatchObject({ status: 'merged', duplicateOf: 'a' })
    expect(processor.head.seq).toBe(6)
  })

  it('records rejections: no event, the same rejection for a resend, and the state it saw', async () => {
    await processor.submit({ command: report('a'), principal: OP, workstationId: null })
    const stale = act('accept', 'a', 7, {})
    const r = await processor.submit({ command: stale, principal: OP, workstationId: null })
    expect(r).toEqual({
      status: 'rejected',
      code: 'stale_version',
      message: expect.stringMatching(/version 1, not 7/),
      currentVersion: 1,
    })
    expect(await processor.submit({ command: stale, principal: OP, workstationId: null })).toEqual(r)
    expect(processor.head.seq).toBe(1)
    const outside = await processor.submit({ command: report('d', 'dongfeng'), principal: HL, workstationId: null })
    expect(outside).toMatchObject({ status: 'rejected', code: 'out_of_scope', currentVersion: null })
    expect(await processor.submit({ command: report('a'), principal: OP, workstationId: null })).toMatchObject({
      code: 'already_exists',
      currentVersion: 1,
    })
    expect(
      await processor.submit({
        command: act('dispatch', 'a', 1, { assignee: { kind: 'department', id: 'nowhere' } }),
        principal: OP,
        workstationId: null,
      }),
    ).toMatchObject({ code: 'unknown_assignee' })
    expect(processor.head.seq).toBe(1)
    // A rejected report used no case code.
    await processor.submit({ command: report('e'), principal: OP, workstationId: null })
    expect(processor.get('e')?.code.slice(-6)).toBe('000002')
  })

  it('keeps command ids per principal: the same id from another principal is another command, in a batch and after', async () => {
    const mine = report('p1')
    const theirs = { ...report('p2'), commandId: mine.commandId }
    // Same turn: both decided, each applied once; a resend of each is its own duplicate.
    const [a, b] = await processor.submitMany([
      { command: mine, principal: OP, workstationId: null },
      { command: theirs, principal: HL, workstationId: null },
    ])
    expect(a).toEqual({ status: 'applied', seq: 1, version: 1, incidentId: 'p1' })
    expect(b).toEqual({ status: 'applied', seq: 2, version: 1, incidentId: 'p2' })
    expect(await processor.submit({ command: theirs, principal: HL, workstationId: null })).toEqual({
      ...b,
      status: 'duplicate',
    })
    expect(await processor.submit({ command: mine, principal: OP, workstationId: null })).toEqual({
      ...a,
      status: 'duplicate',
    })
    expect(processor.head.seq).toBe(2)
  })

  it('rejects a report that names no real place, and writes nothing', async () => {
    const bad = { ...report('nowhere'), payload: { ...report('x').payload, gridId: 'dongfeng-g1' } } as Command
    expect(await processor.submit({ command: bad, principal: OP, workstationId: null })).toMatchObject({
      status: 'rejected',
      code: 'invalid_location',
    })
    expect(processor.head.seq).toBe(0)
    expect(await log.readAfter(0, 10)).toEqual([])
  })

  it('answers a resend from the store after a restart, with the original seq and version', async () => {
    const cmd = report('a')
    const first = await processor.submit({ command: cmd, principal: OP, workstationId: null })
    await processor.close()
    await db.close()
    processor = await open()
    expect(await processor.submit({ command: cmd, principal: OP, workstationId: null })).toEqual({
      ...first,
      status: 'duplicate',
    })
    expect(processor.head.seq).toBe(1)
    // Codes go on from the highest in the store.
    await processor.submit({ command: report('b'), principal: OP, workstationId: null })
    expect(processor.get('b')?.code.slice(-6)).toBe('000002')
  })

  it('never lets the log go back in time, and takes a given time when the history seeder names one', async () => {
    await processor.submit({ command: report('a'), principal: OP, workstationId: null })
    now = T0 - 3_600_000 // the wall clock stepped back an hour
    await processor.submit({ command: act('accept', 'a', 1, {}), principal: OP, workstationId: null })
    expect(processor.get('a')?.updatedAt).toBe(T0)
    now = T0 + 5000
    await processor.submit({ command: act('comment', 'a', 2, { text: 'x' }), principal: OP, workstationId: null })
    expect(processor.get('a')?.updatedAt).toBe(T0 + 5000)
    await processor.submit({ command: report('h'), principal: OP, workstationId: null, at: T0 + 9000 })
    expect(processor.get('h')?.reportedAt).toBe(T0 + 9000)
    const times = (await log.readAfter(0, 10)).map((e) => e.serverTime)
    expect(times).toEqual([...times].sort((x, y) => x - y))
  })

  it('tells listeners only after the commit, and stops telling one that unsubscribed', async () => {
    const a: number[][] = []
    const b: number[][] = []
    const offA = processor.onCommit((events) => a.push(events.map((e) => e.seq)))
    processor.onCommit((events) => b.push(events.map((e) => e.seq)))
    await processor.submit({ command: report('a'), principal: OP, workstationId: null })
    offA()
    offA() // twice is harmless
    await processor.submit({ command: report('b'), principal: OP, workstationId: null })
    // A turn with nothing applied tells no one.
    await processor.submit({ command: act('accept', 'zz', 1, {}), principal: OP, workstationId: null })
    expect(a).toEqual([[1]])
    expect(b).toEqual([[1], [2]])
  })

  it('writes what was queued before closing, then refuses', async () => {
    const pending = [report('a'), report('b')].map((command) =>
      processor.submit({ command, principal: OP, workstationId: null }),
    )
    let answered = 0
    for (const p of pending) void p.then(() => answered++)
    await processor.close()
    expect(answered).toBe(2) // close waited for them
    expect((await Promise.all(pending)).map((r) => r.status)).toEqual(['applied', 'applied'])
    expect(await processor.submit({ command: report('c'), principal: OP, workstationId: null })).toEqual({
      status: 'rejected',
      code: 'unavailable',
      message: 'server is shutting down',
      currentVersion: null,
    })
    expect(processor.get('c')).toBeNull()
  })

  it('on a failed write tells every sender of the batch to retry, keeps the projection, and reuses the codes', async () => {
    const known = report('k')
    const applied = await processor.submit({ command: known, principal: OP, workstationId: null })
    await db.exec(
      `CREATE TRIGGER refuse BEFORE INSERT ON events WHEN NEW.incident_id = 'bad' BEGIN SELECT RAISE(ABORT, 'disk full'); END`,
    )
    const heard: number[] = []
    processor.onCommit((events) => heard.push(...events.map((e) => e.seq)))
    const blocker = processor.submit({ command: report('x'), principal: OP, workstationId: null })
    const a = report('a')
    const replies = await Promise.all([
      processor.submit({ command: a, principal: OP, workstationId: null }),
      processor.submit({ command: report('bad'), principal: OP, workstationId: null }),
      processor.submit({ command: known, principal: OP, workstationId: null }),
      processor.submit({ command: act('accept', 'zz', 1, {}), principal: OP, workstationId: null }),
      // A resend inside the failed batch: its original was never written, so it is no duplicate.
      processor.submit({ command: a, principal: OP, workstationId: null }),
    ])
    await blocker
    expect(replies.map((r) => (r.status === 'rejected' ? r.code : r.status))).toEqual([
      'unavailable',
      'unavailable',
      'duplicate',
      'unavailable',
      'unavailable',
    ])
    expect(replies[2]).toEqual({ ...applied, status: 'duplicate' })
    expect(heard).toEqual([2]) // the blocker only
    expect(processor.get('a')).toBeNull()
    expect(processor.head.seq).toBe(2)
    const stored = await log.loadIncidents()
    expect(stored.map((i: Incident) => i.id).sort()).toEqual(['k', 'x'])
    await db.exec('DROP TRIGGER refuse')
    expect((await processor.submit({ command: report('a'), principal: OP, workstationId: null })).status).toBe(
      'applied',
    )
    expect(processor.get('a')?.code.slice(-6)).toBe('000003')
    expect(processor.byCode(processor.get('a')!.code)?.id).toBe('a')
    expect((await verifyChain(log.db)).ok).toBe(true)
  })

  it('tells every sender to retry when the store cannot be read', async () => {
    await db.exec('ALTER TABLE commands RENAME TO commands_away')
    try {
      const r = await processor.submit({ command: report('a'), principal: OP, workstationId: null })
      expect(r).toMatchObject({ status: 'rejected', code: 'unavailable', currentVersion: null })
    } finally {
      await db.exec('ALTER TABLE commands_away RENAME TO commands')
    }
    expect(processor.get('a')).toBeNull()
    expect((await processor.submit({ command: report('a'), principal: OP, workstationId: null })).status).toBe(
      'applied',
    )
  })

  it('writes case codes with the date in China Standard Time', () => {
    expect(incidentCode(Date.UTC(2026, 11, 31, 15, 59, 59), 7)).toBe('ZS-261231-000007')
    expect(incidentCode(Date.UTC(2026, 11, 31, 16, 0, 0), 123456)).toBe('ZS-270101-123456')
    expect(incidentCode(Date.UTC(2009, 0, 5, 0, 0, 0), 1_234_567)).toBe('ZS-090105-1234567')
  })
})
