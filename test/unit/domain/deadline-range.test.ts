import { describe, expect, it } from 'vitest'
import {
  DEFAULT_RULE_SET,
  checkDispatchDeadline,
  decide,
  deadlineRange,
  judgeStep,
  stepsOf,
  type Command,
  type DecideContext,
  type UnitDirectory,
} from '@shared/domain'
import { fold } from './assessment-events'
import { HOUR, incident, operator, supervisor } from './fixtures'

const NOW = 1_000 * HOUR
const ctx = (extra: Partial<DecideContext> = {}): DecideContext => ({
  now: NOW,
  nextCode: () => 'ZS-1',
  assigneeExists: () => true,
  lookup: () => null,
  reference: null,
  ...extra,
})
const fire = { kind: 'department', id: 'fire' } as const

function dispatch(payload: object, issuedAt = NOW): Command {
  return {
    commandId: '00000000-0000-4000-8000-000000000001',
    type: 'dispatch',
    incidentId: 'i1',
    expectedVersion: 2,
    payload: { assignee: fire, ...payload },
    issuedAt,
  } as Command
}

describe('the deadline range at dispatch', () => {
  it('runs from a quarter of the default (never under an hour) to the category ceiling', () => {
    // Fire, normal: 48 h default; life safety may not be given more at dispatch.
    expect(deadlineRange('fire_safety', 'normal')).toEqual({ minMs: 12 * HOUR, defaultMs: 48 * HOUR, maxMs: 48 * HOUR })
    // Sanitation, normal: 24 h, up to twice.
    expect(deadlineRange('environment_sanitation', 'normal')).toEqual({
      minMs: 6 * HOUR,
      defaultMs: 24 * HOUR,
      maxMs: 48 * HOUR,
    })
    // Industrial parks up to three times; public security urgent (3 h) floors at one hour.
    expect(deadlineRange('industrial_parks', 'normal').maxMs).toBe(720 * HOUR)
    expect(deadlineRange('public_security', 'urgent')).toEqual({ minMs: HOUR, defaultMs: 3 * HOUR, maxMs: 3 * HOUR })
  })

  it('accepts the default without a reason and a changed deadline only with one', () => {
    const base = { category: 'environment_sanitation', priority: 'normal', issuedAt: NOW } as const
    expect(checkDispatchDeadline({ ...base, deadline: NOW + 24 * HOUR, reason: undefined }, NOW)).toEqual({
      ok: true,
      custom: false,
    })
    expect(checkDispatchDeadline({ ...base, deadline: NOW + 36 * HOUR, reason: '  ' }, NOW)).toMatchObject({
      ok: false,
      code: 'deadline_reason_required',
    })
    expect(checkDispatchDeadline({ ...base, deadline: NOW + 36 * HOUR, reason: '节假日' }, NOW)).toEqual({
      ok: true,
      custom: true,
    })
    expect(checkDispatchDeadline({ ...base, deadline: NOW + 49 * HOUR, reason: '节假日' }, NOW)).toMatchObject({
      ok: false,
      code: 'deadline_out_of_range',
    })
    expect(checkDispatchDeadline({ ...base, deadline: NOW + 5 * HOUR, reason: '紧急' }, NOW)).toMatchObject({
      ok: false,
      code: 'deadline_out_of_range',
    })
  })

  it('counts from when the operator issued it (queued offline), never from a clock ahead of the server', () => {
    const base = { category: 'environment_sanitation', priority: 'normal', reason: undefined } as const
    // Issued 3 h ago offline with the default: still the default span, no reason needed.
    expect(checkDispatchDeadline({ ...base, issuedAt: NOW - 3 * HOUR, deadline: NOW + 21 * HOUR }, NOW).ok).toBe(true)
    // A clock 2 h ahead sending its "default" asks for 2 h more than the server's default.
    expect(checkDispatchDeadline({ ...base, issuedAt: NOW + 2 * HOUR, deadline: NOW + 26 * HOUR }, NOW)).toMatchObject({
      ok: false,
      code: 'deadline_reason_required',
    })
  })
})

describe('decide checks the operator’s deadline', () => {
  const accepted = incident({ category: 'fire_safety', priority: 'normal', status: 'accepted', version: 2 })

  it('rejects an operator’s deadline outside the range and keeps a reason on the event', () => {
    expect(
      decide(accepted, dispatch({ deadline: NOW + 60 * HOUR, deadlineReason: '需协调' }), operator, ctx()),
    ).toMatchObject({
      ok: false,
      code: 'deadline_out_of_range',
      currentVersion: 2,
    })
    expect(decide(accepted, dispatch({ deadline: NOW + 24 * HOUR }), operator, ctx())).toMatchObject({
      ok: false,
      code: 'deadline_reason_required',
    })
    expect(
      decide(accepted, dispatch({ deadline: NOW + 24 * HOUR, deadlineReason: '隐患严重' }), operator, ctx()),
    ).toEqual({
      ok: true,
      decision: {
        type: 'dispatch',
        payload: { assignee: fire, deadline: NOW + 24 * HOUR, deadlineReason: '隐患严重' },
        version: 3,
      },
    })
  })

  it('leaves supervisors and the simulator free to set any future deadline', () => {
    expect(decide(accepted, dispatch({ deadline: NOW + 3_000 }), supervisor, ctx()).ok).toBe(true)
    expect(decide(accepted, dispatch({ deadline: NOW + 3_000 }), operator, ctx({ freeDeadlines: true })).ok).toBe(true)
  })
})

describe('a deadline set at dispatch', () => {
  const dir: UnitDirectory = { mediumOf: () => null, workersOf: () => [] }
  // Fire, normal (default 48 h): the operator gives 12 h with a reason; the feedback comes at 20 h.
  const tightened = fold([
    [0, 'report'],
    [0, 'dispatch', { assignee: fire, deadline: 12 * HOUR, deadlineReason: '人员密集场所' }],
    [1, 'acknowledge'],
    [20, 'resolve', { feedback: '已处置' }],
  ])

  it('is folded into the case with its reason, and a later default dispatch clears the reason', () => {
    expect(tightened).toMatchObject({ deadline: 12 * HOUR, firstDeadline: 12 * HOUR, deadlineReason: '人员密集场所' })
    const moved = fold([
      [0, 'report'],
      [0, 'dispatch', { assignee: fire, deadline: 12 * HOUR, deadlineReason: '人员密集场所' }],
      [2, 'reassign', { assignee: { kind: 'department', id: 'urban_admin' }, deadline: 50 * HOUR }],
    ])
    expect(moved.deadlineReason).toBeUndefined()
  })

  it('is the handling deadline of 按期处置率: feedback after it is late though within the default', () => {
    const handling = stepsOf(tightened, DEFAULT_RULE_SET, dir).find((s) => s.step === 'handling')
    expect(handling).toMatchObject({ dueAt: 12 * HOUR, doneAt: 20 * HOUR })
    expect(handling && judgeStep(handling, { from: 0, to: 100 * HOUR }, 100 * HOUR)).toMatchObject({
      done: true,
      onTime: false,
    })
  })
})
