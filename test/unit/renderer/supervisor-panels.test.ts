import { describe, expect, it } from 'vitest'
import type { ActivityEvent, DeskPerson, IncidentView } from '@shared/contract'
import type { Incident } from '@shared/domain'
import { lateCaseIds, phasesOf, whoIsLate } from '../../../src/renderer/src/views/approvals/late-split'
import { operatorWorkload } from '../../../src/renderer/src/views/approvals/operator-workload'
import { baseIncident } from '../../support/incident'

const MIN = 60_000
const HOUR = 60 * MIN
const NOW = new Date(2026, 10, 20, 12, 0).getTime()
const view = (over: Partial<Incident>): IncidentView => ({ ...baseIncident(over), pending: [] })
const at = (type: ActivityEvent['type'], minutesAgo: number, over: Partial<ActivityEvent> = {}): ActivityEvent => ({
  incidentId: 'i1',
  type,
  actorId: 'op-1',
  role: 'operator',
  serverTime: NOW - minutesAgo * MIN,
  ...over,
})

describe('where a case’s time went', () => {
  it('splits acceptance, dispatch, handling and verification from the timeline', () => {
    const i = view({ status: 'resolved', reportedAt: NOW - 10 * HOUR })
    const spent = phasesOf(
      i,
      [at('report', 600), at('accept', 580), at('dispatch', 520), at('acknowledge', 500), at('resolve', 120)],
      NOW,
    )
    expect(spent).toEqual({ intake: 20 * MIN, dispatch: 60 * MIN, handling: 400 * MIN, verification: 120 * MIN })
  })

  it('lays the time at a unit that sent the case back (退单) at dispatch, not at that unit', () => {
    const i = view({ status: 'in_progress' })
    const events = [
      at('report', 300),
      at('accept', 290),
      at('dispatch', 280),
      at('send_back', 200),
      at('decide_request', 180, { request: 'send_back', approve: true }),
      at('acknowledge', 60),
    ]
    expect(phasesOf(i, events, NOW)).toEqual({
      intake: 10 * MIN,
      dispatch: 110 * MIN,
      handling: 180 * MIN,
      verification: 0,
    })
    // Refused, the unit keeps its time: it was the right unit after all.
    const refused = events.map((e) => (e.type === 'decide_request' ? { ...e, approve: false } : e))
    expect(phasesOf(i, refused, NOW)).toMatchObject({ dispatch: 10 * MIN, handling: 280 * MIN })
  })

  it('counts rework as handling again, and suspended time nowhere', () => {
    const i = view({ status: 'in_progress' })
    const events = [
      at('report', 400),
      at('dispatch', 380),
      at('resolve', 300),
      at('return', 240),
      at('request_suspension', 200),
      at('decide_request', 180, { request: 'suspension', approve: true }),
      at('resume', 60),
    ]
    // 20 intake; handling 80 + (240−180) + 60 = 200; verification 60; 120 suspended.
    expect(phasesOf(i, events, NOW)).toEqual({
      intake: 20 * MIN,
      dispatch: 0,
      handling: 200 * MIN,
      verification: 60 * MIN,
    })
  })

  it('falls back to the case’s fields when its timeline is not cached', () => {
    const i = view({
      status: 'resolved',
      reportedAt: NOW - 5 * HOUR,
      dispatchedAt: NOW - 4 * HOUR,
      resolvedAt: NOW - HOUR,
    })
    expect(phasesOf(i, [], NOW)).toEqual({ intake: HOUR, dispatch: 0, handling: 3 * HOUR, verification: HOUR })
  })
})

describe('who is late, per unit', () => {
  const fire = { assigneeKind: 'department', assigneeId: 'fire' } as const
  const late = view({
    id: 'late',
    status: 'in_progress',
    ...fire,
    reportedAt: NOW - 10 * HOUR,
    dispatchedAt: NOW - 9 * HOUR,
    deadline: NOW - HOUR,
  })
  const risky = view({
    id: 'risky',
    status: 'resolved',
    ...fire,
    reportedAt: NOW - 10 * HOUR,
    dispatchedAt: NOW - 10 * HOUR,
    resolvedAt: NOW - 2 * HOUR,
    deadline: NOW + HOUR,
  })
  const fine = view({ id: 'fine', status: 'dispatched', ...fire, dispatchedAt: NOW - HOUR, deadline: NOW + 10 * HOUR })
  const unaccepted = view({ id: 'waiting', status: 'reported', reportedAt: NOW - 2 * HOUR })
  const parked = view({
    id: 'parked',
    status: 'in_progress',
    ...fire,
    suspended: true,
    suspendedAt: NOW - 2 * HOUR,
    dispatchedAt: NOW - 9 * HOUR,
    deadline: NOW - 3 * HOUR,
  })
  const water = view({
    id: 'w',
    status: 'dispatched',
    assigneeKind: 'department',
    assigneeId: 'water',
    reportedAt: NOW - 3 * HOUR - 10 * MIN,
    dispatchedAt: NOW - 3 * HOUR,
    deadline: NOW - MIN,
  })
  const rows = [late, risky, fine, unaccepted, parked, water]

  it('takes late and at-risk cases only (not the suspended, not those with time to spare)', () => {
    expect(lateCaseIds(rows, NOW).sort()).toEqual(['late', 'risky', 'w', 'waiting'])
  })

  it('sums each unit’s cases by phase, most late first; the command room’s own cases have no unit', () => {
    const units = whoIsLate(rows, {}, NOW)
    expect(units.map((u) => [u.unit?.id ?? null, u.late, u.atRisk])).toEqual([
      ['fire', 1, 1],
      // As late as the command room's one, but with more time behind it.
      ['water', 1, 0],
      [null, 1, 0],
    ])
    expect(units[0]?.ms).toEqual({ intake: HOUR, dispatch: 0, handling: 9 * HOUR + 8 * HOUR, verification: 2 * HOUR })
    expect(units[2]?.ms).toEqual({ intake: 2 * HOUR, dispatch: 0, handling: 0, verification: 0 })
  })
})

describe('operator workload', () => {
  const idle = { accepted: 0, dispatched: 0, verified: 0 }
  const people: DeskPerson[] = [
    { actorId: 'op-1', name: '张值班', role: 'operator', towns: ['henglan'], onShift: true, lastHour: idle },
    { actorId: 'op-2', name: '李值班', role: 'operator', towns: '*', onShift: true, lastHour: idle },
    { actorId: 'op-3', name: '王值班', role: 'operator', towns: '*', onShift: false, lastHour: idle },
    { actorId: 'op-4', name: '陈值班', role: 'operator', towns: '*', onShift: false, lastHour: idle },
    { actorId: 'sup-1', name: '赵值班长', role: 'supervisor', towns: '*', onShift: true, lastHour: idle },
  ]
  /** The server's counts, as its log has them. */
  const counted = (over: Record<string, Partial<DeskPerson['lastHour']>>): DeskPerson[] =>
    people.map((p) => ({ ...p, lastHour: { ...p.lastHour, ...over[p.actorId] } }))
  const recent = [
    at('accept', 50),
    at('dispatch', 45),
    at('dispatch', 30),
    at('verify', 10),
    at('accept', 70), // over an hour ago
    at('dispatch', 20, { actorId: 'op-3' }), // signed out since, but worked this hour
    at('acknowledge', 15, { actorId: 'dept-fire', role: 'department' }), // not the command room
    at('decide_request', 5, { actorId: 'sup-1', role: 'supervisor' }),
  ]
  const queue = [
    view({ id: 'a', status: 'reported', townId: 'henglan', reportedAt: NOW - 40 * MIN }),
    view({ id: 'b', status: 'accepted', townId: 'xiaolan', reportedAt: NOW - 90 * MIN }),
    view({ id: 'c', status: 'dispatched', townId: 'henglan', reportedAt: NOW - 5 * HOUR }),
  ]

  it('gives per person on shift or active this hour the server’s counts, and their towns’ queue age', () => {
    const server = counted({ 'op-1': { accepted: 1, dispatched: 2, verified: 1 }, 'op-3': { dispatched: 1 } })
    const loads = operatorWorkload([], server, {}, queue, NOW)
    expect(loads.map((l) => [l.name, l.accepted, l.dispatched, l.verified, l.onShift])).toEqual([
      ['张值班', 1, 2, 1, true],
      ['王值班', 0, 1, 0, false],
      ['李值班', 0, 0, 0, true],
      ['赵值班长', 0, 0, 0, true],
    ])
    expect(loads[0]).toMatchObject({ queued: 1, queueAgeMs: 40 * MIN })
    expect(loads[2]).toMatchObject({ queued: 2, queueAgeMs: 90 * MIN })
  })

  it('trusts the server’s counts over the cache’s (refilled from a snapshot, it may lack events)', () => {
    const server = counted({ 'op-1': { dispatched: 7 } })
    const loads = operatorWorkload(recent, server, {}, queue, NOW)
    expect(loads.find((l) => l.actorId === 'op-1')).toMatchObject({ accepted: 0, dispatched: 7, verified: 0 })
  })

  it('counts the cached events of the last hour while the server cannot be asked', () => {
    const loads = operatorWorkload(recent, null, {}, [], NOW)
    expect(loads.map((l) => [l.actorId, l.accepted, l.dispatched, l.verified])).toEqual([
      ['op-1', 1, 2, 1],
      ['op-3', 0, 1, 0],
      ['sup-1', 0, 0, 0],
    ])
  })

  it('names people from the workstation (or by id) and leaves shift unknown when the server could not be asked', () => {
    const loads = operatorWorkload(recent, null, { 'op-1': '本机值班员' }, [], NOW)
    expect(loads.map((l) => [l.name, l.onShift, l.queueAgeMs])).toEqual([
      ['本机值班员', null, null],
      ['op-3', null, null],
      ['sup-1', null, null],
    ])
  })
})
