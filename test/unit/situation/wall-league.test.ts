import { describe, expect, it } from 'vitest'
import type { AssessmentReport, LeagueRow } from '@shared/contract'
import type { StepFigures } from '@shared/domain'
import { wallLeague } from '../../../src/renderer/src/views/wall/wall-league'
import { alongAxis, rectificationProgress } from '../../../src/renderer/src/views/wall/wall-rectification'

const row = (id: string, assessed: number, rate: number | null): LeagueRow => ({
  id,
  reported: assessed,
  assessed,
  closed: 0,
  closedOnTime: 0,
  completionRate: rate,
  onTimeRate: rate,
  open: 0,
  overdue: 0,
  reworkCount: 0,
})

describe('the wall league', () => {
  // 21 towns, best first, then two below the minimum volume and one with nothing judged.
  const rows = [
    ...Array.from({ length: 21 }, (_, i) => row(`t${String(i + 1).padStart(2, '0')}`, 50, 1 - i / 100)),
    row('small', 3, 1),
    row('none', 0, null),
  ]
  const league = wallLeague(rows, { minVolume: 5, bottomN: 3, perPage: 8 })

  it('pages through every ranked row, with the last bottomN apart and always shown', () => {
    expect(league.ranked).toBe(21)
    expect(league.pages.map((p) => p.length)).toEqual([8, 8, 2])
    expect(league.pages.flat().map((r) => r.rank)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1))
    expect(league.bottom.map((r) => [r.rank, r.id])).toEqual([
      [19, 't19'],
      [20, 't20'],
      [21, 't21'],
    ])
  })

  it('lists the units below the minimum volume (样本不足) apart, unranked', () => {
    expect(league.insufficient).toEqual(['small', 'none'])
  })

  it('singles out nobody in a league too short to have a top and a bottom', () => {
    const short = wallLeague(rows.slice(0, 3), { minVolume: 5, bottomN: 3, perPage: 8 })
    expect(short.bottom).toEqual([])
    expect(short.pages).toHaveLength(1)
  })
})

describe('the wall’s rectification progress', () => {
  const figures = (done: number, judged: number) =>
    ({ done, judged, completionRate: judged > 0 ? done / judged : null }) as unknown as StepFigures
  const report = {
    period: { kind: 'year', label: '2026', from: 0, to: 1 },
    platform: { hazard_closing: figures(90, 100) },
    ranked: [
      { id: 'a', steps: { hazard_closing: figures(19, 20) } },
      { id: 'b', steps: { hazard_closing: figures(8, 10) } },
      { id: 'c', steps: {} },
    ],
    insufficient: [{ id: 'd', steps: { hazard_closing: figures(1, 2) } }],
  } as unknown as AssessmentReport

  it('measures this year’s rate against the target, towns furthest behind first', () => {
    const p = rectificationProgress(report, 0.95)
    expect(p.year).toBe('2026')
    expect(p.city).toMatchObject({ rectified: 90, due: 100, rate: 0.9 })
    expect(p.city.progress).toBeCloseTo(0.9 / 0.95)
    expect(p.towns.map((t) => t.id)).toEqual(['d', 'b', 'a'])
    expect(p.towns[2]?.progress).toBeCloseTo(1)
    // The bars start a tenth below the lowest rate (d: 50%), rounded down to a tenth.
    expect(p.axisFrom).toBe(0.4)
    expect(alongAxis(0.95, p.axisFrom)).toBeCloseTo(0.55 / 0.6)
    expect(alongAxis(0.2, p.axisFrom)).toBe(0)
  })
})
