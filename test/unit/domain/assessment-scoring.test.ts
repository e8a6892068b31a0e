import { describe, expect, it } from 'vitest'
import {
  DEFAULT_RULE_SET,
  customPeriod,
  earnedPoints,
  periodAt,
  previousPeriod,
  quantile,
  rankUnits,
  ruleSetSchema,
  scoreUnit,
  type UnitScore,
} from '@shared/domain'

describe('scoring rules (评分细则)', () => {
  it('earn full points at the threshold and lose the stated points per percentage point below it', () => {
    // A real municipal rule: on-time rate ≥ 70 % earns the full 50 points, minus 1 per point below.
    const rule = { points: 50, threshold: 0.7, perPoint: 1 }
    expect(earnedPoints('closing_on_time', 0.7, rule)).toBe(50)
    expect(earnedPoints('closing_on_time', 0.9, rule)).toBe(50)
    expect(earnedPoints('closing_on_time', 0.65, rule)).toBeCloseTo(45, 10)
    expect(earnedPoints('closing_on_time', 0, rule)).toBe(0)
    // Nothing to judge: nothing lost.
    expect(earnedPoints('closing_on_time', null, rule)).toBe(50)
    // A rework rate is a ceiling: 10 % allowed, 14 % loses 4 points.
    expect(earnedPoints('rework_rate', 0.14, { points: 30, threshold: 0.1, perPoint: 1 })).toBeCloseTo(26, 10)
  })

  it('explain a department’s score line by line, with per-event deductions', () => {
    const s = scoreUnit(
      {
        kind: 'department',
        id: 'fire',
        steps: {
          handling: {
            due: 21,
            suspended: 1,
            judged: 20,
            done: 19,
            onTime: 17,
            carried: 0,
            reworked: 3,
            failures: 5,
            repeatFailures: 1,
            onTimeRate: 0.85,
            completionRate: 0.95,
            reworkRate: 0.15,
            medianMs: null,
            p90Ms: null,
          },
        },
      },
      DEFAULT_RULE_SET,
    )
    // 按期处置率 85 % vs 90 %: 70 − 5 = 65; 返工率 15 % vs 10 %: 30 − 5 = 25;
    // 5 failed verifications × 0.2 = 1; 1 repeat failure × 1 = 1. 65 + 25 − 1 − 1 = 88.
    expect(s.lines.map((l) => (l.type === 'indicator' ? l.earned : -l.deduction))).toEqual([
      expect.closeTo(65, 10),
      expect.closeTo(25, 10),
      -1,
      -1,
    ])
    expect(s.score).toBeCloseTo(88, 10)
    expect(s).toMatchObject({ volume: 20, mainRate: 0.85 })
  })

  it('validate a rule set before it is stored', () => {
    expect(ruleSetSchema.safeParse(DEFAULT_RULE_SET).success).toBe(true)
    const bad = { ...DEFAULT_RULE_SET, minVolume: 0 }
    expect(ruleSetSchema.safeParse(bad).success).toBe(false)
  })
})

describe('the league', () => {
  const unit = (id: string, score: number, volume: number, mainRate: number | null = 0.9): UnitScore => ({
    kind: 'department',
    id,
    score,
    lines: [],
    volume,
    mainRate,
  })

  it('ranks only units with the minimum volume; the rest are shown apart (样本不足)', () => {
    const league = rankUnits([unit('a', 90, 20), unit('b', 99, 4), unit('c', 80, 5)], DEFAULT_RULE_SET)
    expect(league.ranked.map((r) => [r.id, r.rank])).toEqual([
      ['a', 1],
      ['c', 2],
    ])
    expect(league.insufficient.map((r) => [r.id, r.rank])).toEqual([['b', null]])
  })

  it('breaks ties by the stated rule: score to two decimals, then the main rate, then volume', () => {
    const league = rankUnits(
      [
        unit('a', 90.001, 10, 0.8),
        unit('b', 89.999, 10, 0.9),
        unit('c', 90.004, 12, 0.9),
        unit('d', 90.0, 12, 0.9),
        unit('e', 70, 10),
      ],
      { ...DEFAULT_RULE_SET, bottomN: 1 },
    )
    // a, b, c and d all print 90.00: the higher main rate first (b, c, d), then more cases (c, d tie).
    expect(league.ranked.map((r) => [r.id, r.rank])).toEqual([
      ['c', 1],
      ['d', 1],
      ['b', 3],
      ['a', 4],
      ['e', 5],
    ])
    expect(league.ranked.filter((r) => r.bottom).map((r) => r.id)).toEqual(['e'])
  })

  it('with the tie rule `volume`, more judged cases come before the higher main rate', () => {
    const league = rankUnits([unit('a', 90.001, 10, 0.8), unit('b', 89.999, 9, 0.9), unit('c', 90, 12, 0.7)], {
      ...DEFAULT_RULE_SET,
      tieBreak: 'volume',
    })
    expect(league.ranked.map((r) => [r.id, r.rank])).toEqual([
      ['c', 1],
      ['a', 2],
      ['b', 3],
    ])
  })

  it('shows the change from the previous period', () => {
    const league = rankUnits([unit('a', 90, 10), unit('b', 80, 10)], DEFAULT_RULE_SET, [unit('a', 85.5, 10)])
    expect(league.ranked.map((r) => [r.id, r.change])).toEqual([
      ['a', 4.5],
      ['b', null],
    ])
  })

  it('shows no change when either period is 样本不足 (the "+96.03" after a month with two cases)', () => {
    // The previous month: two late cases, scored as low as a real failure (3.97); this month: 100.
    const league = rankUnits([unit('a', 100, 30), unit('b', 90, 30), unit('c', 95, 3)], DEFAULT_RULE_SET, [
      unit('a', 3.97, 2),
      unit('b', 85, 30),
      unit('c', 60, 30),
    ])
    expect(league.ranked.map((r) => [r.id, r.previousScore, r.change])).toEqual([
      ['a', 3.97, null],
      ['b', 85, 5],
    ])
    // Thin now, ranked before: the previous score is shown, a change is not.
    expect(league.insufficient.map((r) => [r.id, r.previousScore, r.change])).toEqual([['c', 60, null]])
  })
})

describe('periods', () => {
  const cst = (y: number, m: number, d: number, h = 0) => Date.UTC(y, m - 1, d, h - 8)

  it('cut months, quarters and years at midnight China time', () => {
    // 30 Nov 2026 23:30 UTC is already 1 Dec in the district.
    expect(periodAt('month', Date.UTC(2026, 10, 30, 23, 30))).toEqual({
      kind: 'month',
      label: '2026-12',
      from: cst(2026, 12, 1),
      to: cst(2027, 1, 1),
    })
    expect(periodAt('quarter', cst(2026, 11, 15))).toMatchObject({
      label: '2026-Q4',
      from: cst(2026, 10, 1),
      to: cst(2027, 1, 1),
    })
    expect(periodAt('year', cst(2026, 6, 1))).toMatchObject({
      label: '2026',
      from: cst(2026, 1, 1),
      to: cst(2027, 1, 1),
    })
  })

  it('step back to the previous period, a custom range to the same length before it', () => {
    expect(previousPeriod(periodAt('month', cst(2026, 1, 10)))).toMatchObject({ label: '2025-12' })
    expect(previousPeriod(periodAt('quarter', cst(2026, 1, 10)))).toMatchObject({ label: '2025-Q4' })
    const custom = customPeriod('2026-11-01', '2026-11-15')
    expect(custom).toMatchObject({ from: cst(2026, 11, 1), to: cst(2026, 11, 16) })
    expect(previousPeriod(custom)).toMatchObject({ label: '2026-10-17~2026-10-31' })
    expect(() => customPeriod('2026-11-15', '2026-11-01')).toThrow(/ends before it starts/)
    expect(() => customPeriod('15/11/2026', '2026-11-01')).toThrow(/YYYY-MM-DD/)
  })

  it('take quantiles by nearest rank', () => {
    expect(quantile([], 0.5)).toBeNull()
    expect(quantile([5], 0.9)).toBe(5)
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.5)).toBe(5)
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9)
  })
})
