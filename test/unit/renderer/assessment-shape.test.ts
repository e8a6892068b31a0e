import { drillKeySchema } from '@shared/contract'
import { describe, expect, it } from 'vitest'
import { periodAt } from '@shared/domain'
import {
  caseSetOf,
  change,
  initialChoice,
  lineDrill,
  periodSpecOf,
} from '../../../src/renderer/src/views/assessment/assessment-shape'
import { routesFor } from '../../../src/renderer/src/app/routes'

describe('the assessment screen’s period picker', () => {
  // 2026-11-30 23:30 China time is still November there (15:30 UTC).
  const now = Date.UTC(2026, 10, 30, 15, 30)

  it('starts at the month, quarter and year containing now, in district time', () => {
    expect(initialChoice(now)).toMatchObject({ month: '2026-11', quarter: '2026-Q4', year: '2026' })
  })

  it('names the period the picker shows', () => {
    const c = initialChoice(now)
    const month = periodSpecOf({ ...c, month: '2026-02' })
    expect(month?.kind === 'month' && periodAt('month', month.at ?? 0).label).toBe('2026-02')
    const quarter = periodSpecOf({ ...c, kind: 'quarter', quarter: '2026-Q2' })
    expect(quarter?.kind === 'quarter' && periodAt('quarter', quarter.at ?? 0).label).toBe('2026-Q2')
    const year = periodSpecOf({ ...c, kind: 'year', year: '2025' })
    expect(year?.kind === 'year' && periodAt('year', year.at ?? 0).label).toBe('2025')
    expect(periodSpecOf({ ...c, kind: 'custom', first: '2026-11-01', last: '2026-11-15' })).toEqual({
      kind: 'custom',
      first: '2026-11-01',
      last: '2026-11-15',
    })
  })

  it('asks for nothing while an input is incomplete or a range runs backwards', () => {
    const c = initialChoice(now)
    expect(periodSpecOf({ ...c, month: '' })).toBeNull()
    expect(periodSpecOf({ ...c, kind: 'custom', first: '2026-11-15', last: '2026-11-01' })).toBeNull()
  })
})

describe('a card line’s drill', () => {
  it('opens the late cases of an indicator, the failed ones of a deduction', () => {
    const base = {
      step: 'handling' as const,
      rate: 0.5,
      judged: 4,
      threshold: 0.9,
      points: 70,
      perPoint: 1,
      earned: 30,
    }
    expect(caseSetOf({ type: 'indicator', indicator: 'handling_on_time', ...base })).toBe('late')
    expect(caseSetOf({ type: 'indicator', indicator: 'rework_rate', ...base })).toBe('failures')
    const event = { type: 'event' as const, step: 'handling' as const, count: 2, perEvent: 1, deduction: 2 }
    expect(caseSetOf({ ...event, event: 'repeat_failure' })).toBe('repeat_failures')
    expect(caseSetOf({ ...event, event: 'verification_failure' })).toBe('failures')
    expect(lineDrill({ kind: 'month', at: 1 }, { kind: 'department', id: 'fire' }, 'handling', 'late')).toEqual({
      metric: 'assessment',
      assessment: {
        period: { kind: 'month', at: 1 },
        unit: { kind: 'department', id: 'fire' },
        step: 'handling',
        set: 'late',
      },
    })
    // A frozen report's line carries the report's instant and rule-set revision to the drill.
    const asOf = { report: 7, evaluatedAt: 1_700_000_000_000, ruleSetRevision: 3 }
    const frozen = lineDrill({ kind: 'month', at: 1 }, { kind: 'town', id: 'henglan' }, 'closing', 'late', asOf)
    expect(frozen.assessment).toMatchObject({ unit: { kind: 'town', id: 'henglan' }, asOf })
    expect(drillKeySchema.parse(frozen)).toEqual(frozen)
  })

  it('prints a change with its sign, or a dash when the unit was not assessed before', () => {
    expect([change(1.254), change(-0.5), change(0), change(null)]).toEqual(['+1.25', '−0.50', '0.00', '—'])
  })

  it('is on the operator’s and the supervisor’s desks only', () => {
    expect(routesFor('operator')).toContain('assessment')
    expect(routesFor('supervisor')).toContain('assessment')
    expect(routesFor('department')).not.toContain('assessment')
    expect(routesFor('field')).not.toContain('assessment')
  })
})
