import { describe, expect, it } from 'vitest'
import { outcomeOf, planBulk, settled } from '../../../src/renderer/src/views/console/bulk-plan'
import { HOUR, incident, T0 } from './incident-fixture'

const police = { kind: 'department', id: 'police' } as const
const fresh = (n: number, over: Parameters<typeof incident>[0] = {}) =>
  incident({ id: `c${n}`, code: `ZS-${n}`, status: 'reported', version: 1, ...over })

describe('planning a bulk action', () => {
  it('gives every dispatchable case one dispatch to the same unit with its own default deadline', () => {
    const cases = [
      fresh(1, { category: 'public_security', priority: 'urgent' }),
      fresh(2, { category: 'fire_safety', priority: 'normal', status: 'accepted', version: 2 }),
    ]
    const plan = planBulk(cases, { action: 'dispatch', assignee: police, note: ' 联合处置 ' }, 'operator', T0)
    expect(plan).toEqual([
      {
        incident: cases[0],
        command: {
          type: 'dispatch',
          incidentId: 'c1',
          expectedVersion: 1,
          payload: { assignee: police, deadline: T0 + 3 * HOUR, note: '联合处置' },
        },
      },
      {
        incident: cases[1],
        command: {
          type: 'dispatch',
          incidentId: 'c2',
          expectedVersion: 2,
          payload: { assignee: police, deadline: T0 + 48 * HOUR, note: '联合处置' },
        },
      },
    ])
  })

  it('reports each case it cannot act on, with the reason, instead of skipping it silently', () => {
    const cases = [
      fresh(1),
      fresh(2, { status: 'dispatched', version: 3 }),
      fresh(3, { pending: ['dispatch'] }),
      fresh(4, { category: 'fire_safety', priority: 'normal' }),
    ]
    // 60 h is beyond a fire case's ceiling (its default 48 h): those cases are reported, not dispatched.
    const plan = planBulk(
      cases,
      { action: 'dispatch', assignee: police, deadline: { hours: '60', reason: '节后处理' } },
      'operator',
      T0,
    )
    expect(plan?.map((p) => ('skip' in p ? p.skip : p.command.type))).toEqual([
      'deadline',
      'state',
      'pending',
      'deadline',
    ])
    const accepts = planBulk(cases, { action: 'accept' }, 'operator', T0)
    expect(accepts?.map((p) => ('skip' in p ? p.skip : p.command.type))).toEqual([
      'accept',
      'state',
      'accept',
      'accept',
    ])
  })

  it('merges every other case into the master, which gets no command', () => {
    const cases = [fresh(1), fresh(2), fresh(3, { status: 'closed' })]
    const plan = planBulk(cases, { action: 'merge', masterId: 'c2' }, 'operator', T0)
    expect(plan?.map((p) => ('skip' in p ? p.skip : p.command.payload))).toEqual([
      { duplicateOf: 'c2' },
      'master',
      'state',
    ])
  })

  it('comments on any case and refuses an incomplete input', () => {
    const cases = [fresh(1), fresh(2, { status: 'closed' })]
    expect(
      planBulk(cases, { action: 'comment', text: '  请核实 ' }, 'operator', T0)?.map((p) => 'command' in p),
    ).toEqual([true, true])
    expect(planBulk(cases, { action: 'comment', text: ' ' }, 'operator', T0)).toBeNull()
    expect(planBulk(cases, { action: 'dispatch' }, 'operator', T0)).toBeNull()
    expect(planBulk(cases, { action: 'merge', masterId: 'elsewhere' }, 'operator', T0)).toBeNull()
    // A wall may not act at all: every case is reported.
    expect(planBulk(cases, { action: 'accept' }, 'wall', T0)?.every((p) => 'skip' in p)).toBe(true)
  })
})

describe('the outcome of each submitted command', () => {
  const conflicts = [{ commandId: 'k2', code: 'stale_version', message: 'incident ZS-2 is at version 3, not 1' }]
  it('is rejected with its reason, queued offline, awaiting the server, or applied', () => {
    const outbox = new Set(['k3'])
    expect(outcomeOf('k2', outbox, conflicts, true)).toEqual({
      kind: 'rejected',
      code: 'stale_version',
      message: 'incident ZS-2 is at version 3, not 1',
    })
    expect(outcomeOf('k3', outbox, conflicts, false)).toEqual({ kind: 'queued' })
    expect(outcomeOf('k3', outbox, conflicts, true)).toEqual({ kind: 'pending' })
    expect(outcomeOf('k1', outbox, conflicts, true)).toEqual({ kind: 'applied' })
    expect(settled({ kind: 'queued' })).toBe(false)
    expect(settled({ kind: 'applied' })).toBe(true)
  })
})
