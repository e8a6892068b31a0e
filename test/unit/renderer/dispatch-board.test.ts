import { describe, expect, it } from 'vitest'
import { defaultDeadline } from '@shared/domain'
import {
  buildBoard,
  queueOrder,
  stepTarget,
  targetForDigit,
  type BoardTarget,
} from '../../../src/renderer/src/views/dispatch/board-columns'
import { boardFilters, keepOnBoard, RATE_WINDOW_MS } from '../../../src/renderer/src/views/dispatch/board-feed'
import {
  canDispatch,
  dispatchCommand,
  optimisticDispatch,
} from '../../../src/renderer/src/views/dispatch/dispatch-plan'
import { INCIDENT_MIME, isIncidentDrag, readDrag, writeDrag } from '../../../src/renderer/src/data/drag-data'
import { dispatched, HOUR, incident, T0 } from './incident-fixture'

const fire = { kind: 'department', id: 'fire' } as const
const team = { kind: 'team', id: 'team-1' } as const
const targets: BoardTarget[] = [
  { ...fire, name: '消防救援', detail: null },
  { ...team, name: '横栏联勤1队', detail: '民警 李' },
]

describe('board columns', () => {
  const now = T0 + 30 * HOUR
  const incidents = [
    incident({ id: 'q1', priority: 'normal', reportedAt: T0 }),
    incident({ id: 'q2', priority: 'urgent', reportedAt: T0 + HOUR }),
    incident({ id: 'q3', status: 'accepted', townId: 'dongfeng', reportedAt: T0 }),
    dispatched('d1', fire, T0, 24), // overdue
    dispatched('d2', fire, T0 + 20 * HOUR, 24), // on time, open
    dispatched('d3', fire, T0, 24, { status: 'closed', closedAt: T0 + 10 * HOUR }), // closed on time
    dispatched('d4', fire, T0, 5, { status: 'closed', closedAt: T0 + 10 * HOUR }), // closed late
    dispatched('t1', team, T0, 48, { status: 'in_progress' }),
    dispatched('x1', { kind: 'department', id: 'unknown' }, T0, 1),
  ]

  it('queues awaiting cases, most urgent first, optionally for one town', () => {
    const all = buildBoard(incidents, targets, { now, townId: null, cardsPerColumn: 10 })
    expect(all.queue.map((i) => i.id)).toEqual(['q2', 'q1', 'q3'])
    const henglan = buildBoard(incidents, targets, { now, townId: 'henglan', cardsPerColumn: 10 })
    expect(henglan.queue.map((i) => i.id)).toEqual(['q2', 'q1'])
  })

  it('counts open load and overdue, and the on-time rate with the shared formula', () => {
    const [dept, tm] = buildBoard(incidents, targets, { now, townId: null, cardsPerColumn: 10 }).columns
    expect(dept).toMatchObject({ key: 'department:fire', open: 2, overdue: 1 })
    // due = d1 (open, late) + d3 + d4 (closed); on time = d3 → 1/3.
    expect(dept?.onTimeRate).toBeCloseTo(1 / 3)
    expect(dept?.cards.map((c) => c.id)).toEqual(['d1', 'd2'])
    expect(tm).toMatchObject({ open: 1, overdue: 0, onTimeRate: null })
  })

  it('puts pending cards first, then overdue, and caps the cards shown', () => {
    const more = [...incidents, dispatched('p1', fire, T0 + 29 * HOUR, 24, { pending: ['dispatch'] })]
    const [dept] = buildBoard(more, targets, { now, townId: null, cardsPerColumn: 2 }).columns
    expect(dept?.cards.map((c) => c.id)).toEqual(['p1', 'd1'])
    expect(dept?.open).toBe(3)
  })

  it('orders the queue by priority, then age', () => {
    expect(
      [incident({ id: 'b', reportedAt: 2 }), incident({ id: 'a', reportedAt: 1 })].sort(queueOrder).map((i) => i.id),
    ).toEqual(['a', 'b'])
  })
})

describe('keyboard target picking', () => {
  it('cycles with the arrows and jumps with digits', () => {
    expect(stepTarget(-1, 1, 5)).toBe(0)
    expect(stepTarget(-1, -1, 5)).toBe(4)
    expect(stepTarget(4, 1, 5)).toBe(0)
    expect(stepTarget(0, -1, 5)).toBe(4)
    expect(stepTarget(0, 1, 0)).toBe(-1)
    expect(targetForDigit('1', 5)).toBe(0)
    expect(targetForDigit('0', 12)).toBe(9)
    expect(targetForDigit('7', 5)).toBeNull()
    expect(targetForDigit('a', 5)).toBeNull()
  })
})

describe('dispatch plan', () => {
  const inc = incident({ id: 'q', category: 'gas_safety', priority: 'high', version: 4 })

  it('dispatches against the version seen, with the default deadline and an optional note', () => {
    expect(dispatchCommand(inc, fire, T0)).toEqual({
      type: 'dispatch',
      incidentId: 'q',
      expectedVersion: 4,
      payload: { assignee: fire, deadline: defaultDeadline('gas_safety', 'high', T0) },
    })
    expect(dispatchCommand(inc, team, T0, '  带好检测仪 ').payload.note).toBe('带好检测仪')
  })

  it('moves the card at once and marks it pending', () => {
    const cmd = dispatchCommand(inc, team, T0)
    const moved = optimisticDispatch(inc, cmd, T0)
    expect(moved).toMatchObject({
      status: 'dispatched',
      assigneeKind: 'team',
      assigneeId: 'team-1',
      pending: ['dispatch'],
      dispatchedAt: T0,
    })
    expect(canDispatch(moved)).toBe(false)
    expect(canDispatch(inc)).toBe(true)
    expect(canDispatch(incident({ status: 'in_progress' }))).toBe(false)
  })
})

describe('board feed', () => {
  it('loads open cases and the last 30 days of closed ones, and keeps the same in memory', () => {
    const [open, closed] = boardFilters(T0)
    expect(open?.statuses).toEqual(['reported', 'accepted', 'dispatched', 'in_progress', 'resolved', 'verified'])
    expect(closed).toEqual({ statuses: ['closed'], reportedSince: T0 - RATE_WINDOW_MS })
    expect(keepOnBoard(incident({ status: 'in_progress' }), T0)).toBe(true)
    expect(keepOnBoard(incident({ status: 'rejected' }), T0)).toBe(false)
    expect(keepOnBoard(incident({ status: 'closed', reportedAt: T0 - RATE_WINDOW_MS - 1 }), T0)).toBe(false)
  })
})

describe('drag data', () => {
  function transfer() {
    const data = new Map<string, string>()
    return {
      setData: (f: string, d: string) => void data.set(f, d),
      getData: (f: string) => data.get(f) ?? '',
      get types() {
        return [...data.keys()]
      },
    }
  }

  it('round-trips the id and version, and recognises incident drags by type', () => {
    const t = transfer()
    writeDrag(t, { id: 'i-1', version: 3, code: 'ZS-1' })
    expect(isIncidentDrag(t)).toBe(true)
    expect(readDrag(t)).toEqual({ id: 'i-1', version: 3 })
    expect(t.getData('text/plain')).toBe('ZS-1')
  })

  it('ignores anything else dropped on a column', () => {
    const t = transfer()
    expect(isIncidentDrag(t)).toBe(false)
    t.setData(INCIDENT_MIME, '{"id":5}')
    expect(readDrag(t)).toBeNull()
    t.setData(INCIDENT_MIME, 'not json')
    expect(readDrag(t)).toBeNull()
  })
})
