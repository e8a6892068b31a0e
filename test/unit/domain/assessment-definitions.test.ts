import { describe, expect, it } from 'vitest'
import {
  DEFAULT_RULE_SET,
  assess,
  assessPeriod,
  judgeStep,
  stepsOf,
  type Incident,
  type RuleSet,
  type Span,
  type Step as StepName,
  type UnitDirectory,
} from '@shared/domain'
import { HOUR, dept, fold, team } from './assessment-events'

/** hl-m1-s1 is a small grid under the medium grid hl-m1; w1 is its grid worker. */
const dir: UnitDirectory = {
  mediumOf: (g) => (g === 'hl-m1-s1' ? 'hl-m1' : null),
  workersOf: (g) => (g === 'hl-m1-s1' ? ['w1'] : []),
}
const ALL: Span = { from: 0, to: 1000 * HOUR }
const latest: RuleSet = { ...DEFAULT_RULE_SET, clock: 'latest' }

/** How one step of one case is judged (null: not counted in the span). */
function judged(i: Incident, step: StepName, at: number, span = ALL, rules = DEFAULT_RULE_SET) {
  const s = stepsOf(i, rules, dir).find((x) => x.step === step)
  return s ? judgeStep(s, span, at) : null
}

describe('rework keeps the original clock', () => {
  // Dispatched at 0 with 24 h; feedback at 10 h fails verification at 12 h and is sent back with a
  // fresh deadline (60 h); the second feedback at 30 h passes; closed at 32 h.
  const reworked = fold([
    [0, 'report'],
    [0, 'accept'],
    [0, 'dispatch', dept('fire', 24)],
    [1, 'acknowledge'],
    [10, 'resolve', { feedback: '已处置' }],
    [12, 'return', { reason: '未整改到位', deadline: 60 * HOUR }],
    [13, 'acknowledge'],
    [30, 'resolve', { feedback: '已整改' }],
    [31, 'verify', {}, 'w1'],
    [32, 'close'],
  ])

  it('judges the case late against the first deadline, for the handler and for the platform', () => {
    expect(reworked).toMatchObject({ firstDeadline: 24 * HOUR, deadline: 60 * HOUR, reworkCount: 1 })
    expect(judged(reworked, 'handling', 100 * HOUR)).toMatchObject({ done: true, onTime: false, durationMs: 30 * HOUR })
    expect(judged(reworked, 'closing', 100 * HOUR)).toMatchObject({ done: true, onTime: false })
    expect(assess([reworked], 100 * HOUR)).toMatchObject({ closed: 1, closedOnTime: 0 })
  })

  it('is configurable: the latest clock (the former rule) gives the fresh deadline', () => {
    expect(judged(reworked, 'handling', 100 * HOUR, ALL, latest)).toMatchObject({ onTime: true })
    expect(assess([reworked], 100 * HOUR, 0, 'latest')).toMatchObject({ closed: 1, closedOnTime: 1 })
  })

  it('keeps the first deadline through a reassignment too', () => {
    const moved = fold([
      [0, 'report'],
      [0, 'dispatch', dept('fire', 24)],
      [5, 'reassign', dept('urban_admin', 40)],
      [30, 'acknowledge'],
      [30, 'resolve', { feedback: '已处置' }],
    ])
    const steps = stepsOf(moved, DEFAULT_RULE_SET, dir)
    const handling = steps.find((s) => s.step === 'handling')
    // The department holding the case answers for it, on the original clock.
    expect(handling).toMatchObject({ dueAt: 24 * HOUR, units: [{ kind: 'department', id: 'urban_admin' }] })
    expect(judged(moved, 'handling', 50 * HOUR)).toMatchObject({ onTime: false })
  })
})

describe('who is judged for what', () => {
  // The department's feedback at 20 h is within its 24 h; the grid worker verifies at 50 h (30 h
  // later, over the 24 h standard) and the case closes at 51 h, past the deadline.
  const slowCheck = fold([
    [0, 'report'],
    [0.5, 'accept', {}, 'op-a'],
    [3, 'dispatch', dept('fire', 27), 'op-b'],
    [4, 'acknowledge'],
    [20, 'resolve', { feedback: '已处置' }],
    [50, 'verify', {}, 'w1'],
    [51, 'close'],
  ])
  const units = (step: StepName) => stepsOf(slowCheck, DEFAULT_RULE_SET, dir).find((s) => s.step === step)?.units

  it('a department on time with its feedback is on time for the department and late for the platform', () => {
    expect(judged(slowCheck, 'handling', 100 * HOUR)).toMatchObject({ onTime: true, durationMs: 17 * HOUR })
    expect(judged(slowCheck, 'closing', 100 * HOUR)).toMatchObject({ onTime: false })
    expect(units('handling')).toEqual([{ kind: 'department', id: 'fire' }])
    expect(units('closing')).toEqual([
      { kind: 'town', id: 'henglan' },
      { kind: 'small_grid', id: 'hl-m1-s1' },
      { kind: 'medium_grid', id: 'hl-m1' },
    ])
  })

  it('the grid worker answers for verification, the operators for intake and dispatch', () => {
    expect(units('verify')).toEqual([{ kind: 'grid_worker', id: 'w1' }])
    expect(judged(slowCheck, 'verify', 100 * HOUR)).toMatchObject({ onTime: false, durationMs: 30 * HOUR })
    expect(units('intake')).toEqual([{ kind: 'operator', id: 'op-a' }])
    expect(judged(slowCheck, 'intake', 100 * HOUR)).toMatchObject({ onTime: true, durationMs: 0.5 * HOUR })
    expect(units('dispatch')).toEqual([{ kind: 'operator', id: 'op-b' }])
    // Accepted at 0.5 h, dispatched at 3 h: 2.5 h, over the 2 h standard.
    expect(judged(slowCheck, 'dispatch', 100 * HOUR)).toMatchObject({ onTime: false })
  })

  it('a joint police + grid-worker team has its own league, not the departments’', () => {
    const byTeam = fold(
      [
        [0, 'report'],
        [0, 'dispatch', team('hl-team-1', 24)],
        [1, 'acknowledge'],
        [2, 'resolve', { feedback: '已处置' }],
      ],
      'by-team',
    )
    const ledger = assessPeriod([byTeam, slowCheck], { rules: DEFAULT_RULE_SET, dir, period: ALL }, 100 * HOUR)
    expect(ledger.units('team').map((u) => u.id)).toEqual(['hl-team-1'])
    expect(ledger.units('department').map((u) => u.id)).toEqual(['fire'])
    expect(ledger.units('team')[0]?.steps.handling).toMatchObject({ judged: 1, onTime: 1, onTimeRate: 1 })
  })
})

describe('suspension (缓办)', () => {
  it('of a case already overdue does not hide its lateness', () => {
    const late = fold([
      [0, 'report'],
      [0, 'dispatch', dept('fire', 24)],
      [30, 'suspend', { reason: '等待配件' }],
    ])
    expect(late).toMatchObject({ suspended: true, suspensionCredited: false })
    // While suspended it stays in the denominator, late.
    expect(judged(late, 'closing', 40 * HOUR)).toMatchObject({ suspended: false, done: false, onTime: false })
    expect(assess([late], 40 * HOUR)).toMatchObject({ suspended: 0, overdueOpen: 1, onTimeRate: 0 })
    // After it resumes, the suspended time buys nothing.
    const closed = fold([
      [0, 'report'],
      [0, 'dispatch', dept('fire', 24)],
      [30, 'suspend', { reason: '等待配件' }],
      [50, 'resume'],
      [51, 'acknowledge'],
      [52, 'resolve', { feedback: '已处置' }],
      [53, 'verify', {}, 'w1'],
      [54, 'close'],
    ])
    expect(closed).toMatchObject({ suspendedMs: 20 * HOUR, creditedSuspendedMs: 0 })
    expect(judged(closed, 'closing', 100 * HOUR)).toMatchObject({ onTime: false })
  })

  it('begun in time stops the clock: out of the denominator while it runs, credited after', () => {
    const history: Parameters<typeof fold>[0] = [
      [0, 'report'],
      [0, 'dispatch', dept('fire', 24)],
      [10, 'suspend', { reason: '等待配件' }],
    ]
    const running = fold(history)
    expect(judged(running, 'closing', 30 * HOUR)).toMatchObject({ suspended: true })
    const ledger = assessPeriod([running], { rules: DEFAULT_RULE_SET, dir, period: ALL }, 30 * HOUR)
    // 按期结案率 = 按期结案数 ÷ (应结案数 − 缓办数) = 0 ÷ (1 − 1): nothing to judge, 缓办 shown.
    expect(ledger.platform().closing).toMatchObject({ due: 1, suspended: 1, judged: 0, onTimeRate: null })
    const done = fold([
      ...history,
      [30, 'resume'],
      [31, 'acknowledge'],
      [40, 'resolve', { feedback: '好' }],
      [41, 'verify', {}, 'w1'],
      [42, 'close'],
    ])
    // 24 h + 20 h suspended = 44 h: closed at 42 h is on time; handling 40 − 0 − 20 = 20 h.
    expect(done).toMatchObject({ creditedSuspendedMs: 20 * HOUR })
    expect(judged(done, 'closing', 100 * HOUR)).toMatchObject({ onTime: true })
    expect(judged(done, 'handling', 100 * HOUR)).toMatchObject({ onTime: true, durationMs: 20 * HOUR })
  })
})

describe('periods by due date', () => {
  const OCT = { from: 0, to: 31 * 24 * HOUR }
  const NOV = { from: OCT.to, to: OCT.to + 30 * 24 * HOUR }
  const day = (d: number) => d * 24

  it('count a case in the period its deadline falls in, whatever its report date', () => {
    // Reported 28 Oct, due 3 Nov, closed 2 Nov.
    const i = fold([
      [day(27), 'report'],
      [day(27), 'dispatch', dept('fire', day(33))],
      [day(32), 'acknowledge'],
      [day(32), 'resolve', { feedback: '好' }],
      [day(32), 'verify', {}, 'w1'],
      [day(32), 'close'],
    ])
    const now = NOV.to + HOUR
    expect(judged(i, 'closing', now, OCT)).toBeNull()
    expect(judged(i, 'closing', now, NOV)).toMatchObject({ onTime: true, carried: false })
  })

  it('keep a case reported long ago and still open and overdue in every later period, as late', () => {
    const old = fold([
      [0, 'report'],
      [0, 'dispatch', dept('fire', 48)],
    ])
    expect(judged(old, 'closing', NOV.to, OCT)).toMatchObject({ onTime: false, carried: false })
    expect(judged(old, 'closing', NOV.to, NOV)).toMatchObject({ onTime: false, carried: true })
    // Closed in November: late in October, and no longer carried into November.
    const closedLate = fold([
      [0, 'report'],
      [0, 'dispatch', dept('fire', 48)],
      [day(40), 'acknowledge'],
      [day(40), 'resolve', { feedback: '好' }],
      [day(40), 'verify', {}, 'w1'],
      [day(40), 'close'],
    ])
    expect(judged(closedLate, 'closing', NOV.to, OCT)).toMatchObject({ done: false, onTime: false })
    expect(judged(closedLate, 'closing', NOV.to, NOV)).toBeNull()
  })

  it('read a closed period the same later: it is evaluated at its end', () => {
    const open = fold([
      [day(30), 'report'],
      [day(30), 'dispatch', dept('fire', day(30) + 10)],
    ])
    // Due on 31 Oct, not yet due at 31 Oct 05:00 (inside October) …
    expect(judged(open, 'closing', day(30) * HOUR + 5 * HOUR, OCT)).toBeNull()
    // … and late in October once October is over, however late it is read.
    expect(judged(open, 'closing', NOV.to * 2, OCT)).toMatchObject({ onTime: false })
  })
})

describe('the missing figures', () => {
  it('count repeat failures, the rework rate, urgent cases and the handling-time quantiles', () => {
    const returns = (n: number): Parameters<typeof fold>[0] =>
      Array.from({ length: n }, (_, k) => [
        [2 + k * 2, 'resolve', { feedback: '处置' }] as const,
        [3 + k * 2, 'return', { reason: '不合格', deadline: 100 * HOUR }] as const,
        [3 + k * 2, 'acknowledge'] as const,
      ]).flat()
    const cases = [
      fold(
        [
          [0, 'report'],
          [0, 'dispatch', dept('fire', 24)],
          [1, 'acknowledge'],
          ...returns(3),
          [10, 'resolve', { feedback: '好' }],
        ],
        'r3',
      ),
      fold(
        [
          [0, 'report'],
          [0, 'dispatch', dept('fire', 24)],
          [1, 'acknowledge'],
          ...returns(1),
          [6, 'resolve', { feedback: '好' }],
        ],
        'r1',
      ),
      fold(
        [
          [0, 'report'],
          [0, 'dispatch', dept('fire', 24)],
          [1, 'acknowledge'],
          [4, 'resolve', { feedback: '好' }],
        ],
        'ok',
      ),
      fold(
        [
          [0, 'report'],
          [0, 'dispatch', dept('fire', 6)],
          [1, 'acknowledge'],
          [8, 'resolve', { feedback: '好' }],
        ],
        'urgent',
        { priority: 'urgent' },
      ),
    ]
    const ledger = assessPeriod(cases, { rules: DEFAULT_RULE_SET, dir, period: ALL }, 100 * HOUR)
    const fire = ledger.units('department')[0]?.steps.handling
    expect(fire).toMatchObject({ judged: 4, reworked: 2, failures: 4, repeatFailures: 1, reworkRate: 0.5, onTime: 3 })
    // Handling times 4, 6, 8, 10 h: median (nearest rank) 6 h, P90 10 h.
    expect(fire).toMatchObject({ medianMs: 6 * HOUR, p90Ms: 10 * HOUR })
    expect(ledger.platform().urgent_closing).toMatchObject({ due: 1, done: 0, completionRate: 0, onTimeRate: 0 })
    // Every case here is a fire hazard (整改): due 4, all open at 100 h.
    expect(ledger.platform().hazard_closing).toMatchObject({ due: 4, done: 0, completionRate: 0 })
  })
})
