import { describe, expect, it } from 'vitest'
import {
  DEFAULT_RULE_SET,
  assessPeriod,
  assessmentDue,
  isLate,
  judgeStep,
  stepsOf,
  type Incident,
  type Span,
  type Step as StepName,
  type UnitDirectory,
} from '@shared/domain'
import { HOUR, dept, fold } from './assessment-events'

/**
 * The assessment under the request/decision lifecycle (申请延期, 退单, 申请缓办, 申请重办 and the
 * supervisor's decisions): docs/assessment.md, "Requests and decisions".
 */
const dir: UnitDirectory = {
  mediumOf: (g) => (g === 'hl-m1-s1' ? 'hl-m1' : null),
  workersOf: (g) => (g === 'hl-m1-s1' ? ['w1'] : []),
}
const ALL: Span = { from: 0, to: 1000 * HOUR }

function judged(i: Incident, step: StepName, at: number) {
  const s = stepsOf(i, DEFAULT_RULE_SET, dir).find((x) => x.step === step)
  return s ? judgeStep(s, ALL, at) : null
}
const approve = (extra: Record<string, unknown> = {}) => ({ approve: true, reason: '同意', ...extra })

describe('an approved extension (延期)', () => {
  const history: Parameters<typeof fold>[0] = [
    [0, 'report'],
    [0, 'dispatch', dept('fire', 24)],
    [10, 'request_extension', { reason: '需要吊车', deadline: 48 * HOUR }, 'fire-1'],
    [11, 'decide_request', approve({ request: 'extension', deadline: 48 * HOUR }), 'sup'],
  ]

  it('moves the assessment deadline by the time granted; the first deadline stays on record', () => {
    const extended = fold(history)
    expect(extended).toMatchObject({ firstDeadline: 24 * HOUR, extendedMs: 24 * HOUR, deadline: 48 * HOUR })
    expect(assessmentDue(extended, 'original')).toBe(48 * HOUR)
    // Past the first deadline but within the granted one: not late.
    expect(isLate(extended, 30 * HOUR)).toBe(false)
    const done = fold([
      ...history,
      [40, 'resolve', { feedback: '已处置' }, 'fire-1'],
      [41, 'verify', {}, 'w1'],
      [42, 'close'],
    ])
    expect(judged(done, 'handling', 100 * HOUR)).toMatchObject({ done: true, onTime: true })
    expect(judged(done, 'closing', 100 * HOUR)).toMatchObject({ done: true, onTime: true })
  })

  it('refused, moves nothing: the case is late on its first deadline', () => {
    const refused = fold([
      ...history.slice(0, 3),
      [11, 'decide_request', { approve: false, reason: '不同意', request: 'extension' }, 'sup'],
    ])
    expect(refused).toMatchObject({ extendedMs: 0, deadline: 24 * HOUR })
    expect(isLate(refused, 30 * HOUR)).toBe(true)
  })
})

describe('an approved reopen (重办)', () => {
  it('keeps the original clock: the reopened case is late on its first deadline', () => {
    const reopened = fold([
      [0, 'report'],
      [0, 'dispatch', dept('fire', 24)],
      [10, 'resolve', { feedback: '已处置' }, 'fire-1'],
      [11, 'verify', {}, 'w1'],
      [12, 'close'],
      [20, 'request_reopen', { reason: '群众反映复发' }],
      [
        21,
        'decide_request',
        approve({ request: 'reopen', assignee: { kind: 'department', id: 'fire' }, deadline: 45 * HOUR }),
        'sup',
      ],
    ])
    expect(reopened).toMatchObject({
      status: 'dispatched',
      firstDeadline: 24 * HOUR,
      deadline: 45 * HOUR,
      reworkCount: 1,
    })
    expect(isLate(reopened, 30 * HOUR)).toBe(true)
    expect(judged(reopened, 'handling', 30 * HOUR)).toMatchObject({ done: false, onTime: false })
  })
})

describe('a suspension approved on request (申请缓办)', () => {
  it('begun in time stops the original clock, as a supervisor’s suspend does', () => {
    const history: Parameters<typeof fold>[0] = [
      [0, 'report'],
      [0, 'dispatch', dept('fire', 24)],
      [5, 'request_suspension', { reason: '等待配件' }, 'fire-1'],
      [6, 'decide_request', approve({ request: 'suspension' }), 'sup'],
    ]
    const running = fold(history)
    expect(running).toMatchObject({ suspended: true, suspensionCredited: true, overdueWhenSuspended: false })
    const ledger = assessPeriod([running], { rules: DEFAULT_RULE_SET, dir, period: ALL }, 30 * HOUR)
    expect(ledger.platform().closing).toMatchObject({ due: 1, suspended: 1, judged: 0 })
    const done = fold([
      ...history,
      [26, 'resume'],
      [40, 'resolve', { feedback: '已处置' }, 'fire-1'],
      [41, 'verify', {}, 'w1'],
      [42, 'close'],
    ])
    // 24 h + 20 h credited = 44 h: closed at 42 h is on time.
    expect(done).toMatchObject({ creditedSuspendedMs: 20 * HOUR })
    expect(judged(done, 'closing', 100 * HOUR)).toMatchObject({ onTime: true })
  })

  it('of a case already overdue stays late', () => {
    const late = fold([
      [0, 'report'],
      [0, 'dispatch', dept('fire', 24)],
      [28, 'request_suspension', { reason: '等待配件' }, 'fire-1'],
      [30, 'decide_request', approve({ request: 'suspension' }), 'sup'],
    ])
    expect(late).toMatchObject({ suspended: true, suspensionCredited: false, overdueWhenSuspended: true })
    expect(isLate(late, 40 * HOUR)).toBe(true)
    expect(judged(late, 'closing', 40 * HOUR)).toMatchObject({ suspended: false, onTime: false })
  })
})

describe('an approved send-back (退单)', () => {
  // Misrouted to the water department at 0 with 24 h; it sends the case back at 20 h; the
  // supervisor re-dispatches to fire with 24 h (44 h), which feeds back at 40 h.
  const sentBack = fold([
    [0, 'report'],
    [0, 'dispatch', dept('water', 24)],
    [20, 'send_back', { reason: '不属于本单位', suggested: { kind: 'department', id: 'fire' } }, 'water-1'],
    [
      20,
      'decide_request',
      approve({ request: 'send_back', assignee: { kind: 'department', id: 'fire' }, deadline: 44 * HOUR }),
      'sup',
    ],
    [40, 'resolve', { feedback: '已处置' }, 'fire-1'],
    [41, 'verify', {}, 'w1'],
    [42, 'close'],
  ])

  it('does not count against the wrongly chosen department', () => {
    expect(sentBack.sentBackFrom).toMatchObject([{ kind: 'department', id: 'water' }])
    const ledger = assessPeriod([sentBack], { rules: DEFAULT_RULE_SET, dir, period: ALL }, 100 * HOUR)
    expect(ledger.units('department').map((u) => u.id)).toEqual(['fire'])
  })

  it('judges the department that finally handled it from the re-dispatch', () => {
    expect(sentBack).toMatchObject({ firstDispatchedAt: 20 * HOUR, firstDeadline: 44 * HOUR, dispatchedBy: 'op1' })
    expect(judged(sentBack, 'handling', 100 * HOUR)).toMatchObject({ onTime: true, durationMs: 20 * HOUR })
    // The command room answers for the misrouting: its dispatch stood only at 20 h (due 2 h after intake).
    expect(judged(sentBack, 'dispatch', 100 * HOUR)).toMatchObject({ done: true, onTime: false })
  })
})
