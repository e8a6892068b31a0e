import type { AssessmentLine, DrillKey, PeriodSpec } from '@shared/contract'
import type { CaseSet, ScoreLine, Step, UnitKind } from '@shared/domain'

/** What the period picker holds: a kind and the text of its inputs. */
export interface PeriodChoice {
  readonly kind: PeriodSpec['kind']
  /** YYYY-MM (month), YYYY (year), YYYY-Qn (quarter). */
  readonly month: string
  readonly quarter: string
  readonly year: string
  /** Custom range, YYYY-MM-DD inclusive. */
  readonly first: string
  readonly last: string
}

const CST = 8 * 3_600_000
const pad = (n: number) => String(n).padStart(2, '0')

/** The picker's starting values: the month, quarter and year containing `now` (district time). */
export function initialChoice(now: number): PeriodChoice {
  const d = new Date(now + CST)
  const y = d.getUTCFullYear()
  const m = d.getUTCMonth() + 1
  return {
    kind: 'month',
    month: `${y}-${pad(m)}`,
    quarter: `${y}-Q${Math.floor((m - 1) / 3) + 1}`,
    year: String(y),
    first: `${y}-${pad(m)}-01`,
    last: `${y}-${pad(m)}-${pad(d.getUTCDate())}`,
  }
}

/** Noon (district time) of a day: inside that day's month, quarter and year whatever the zone. */
const noon = (y: number, m: number, d = 15) => Date.UTC(y, m - 1, d, 12) - CST

/** The request's period for a choice, or null while an input is incomplete. */
export function periodSpecOf(c: PeriodChoice): PeriodSpec | null {
  switch (c.kind) {
    case 'month': {
      const m = /^(\d{4})-(\d{2})$/.exec(c.month)
      return m ? { kind: 'month', at: noon(Number(m[1]), Number(m[2])) } : null
    }
    case 'quarter': {
      const m = /^(\d{4})-Q([1-4])$/.exec(c.quarter)
      return m ? { kind: 'quarter', at: noon(Number(m[1]), (Number(m[2]) - 1) * 3 + 1) } : null
    }
    case 'year': {
      const m = /^(\d{4})$/.exec(c.year)
      return m ? { kind: 'year', at: noon(Number(m[1]), 6) } : null
    }
    case 'custom':
      return /^\d{4}-\d{2}-\d{2}$/.test(c.first) && /^\d{4}-\d{2}-\d{2}$/.test(c.last) && c.first <= c.last
        ? { kind: 'custom', first: c.first, last: c.last }
        : null
  }
}

/** The case set behind a card line: an indicator's late cases, or the events a deduction counts. */
export function caseSetOf(line: ScoreLine): CaseSet {
  if (line.type === 'event') return line.event === 'repeat_failure' ? 'repeat_failures' : 'failures'
  return line.indicator === 'rework_rate' ? 'failures' : 'late'
}

/** The console's drill key for one line of a unit's card (the console asks the core for its ids). */
export function lineDrill(
  period: PeriodSpec,
  unit: { kind: UnitKind; id: string },
  step: Step,
  set: CaseSet,
  asOf?: AssessmentLine['asOf'],
): DrillKey {
  // A frozen report's line names the report's instant and rules: its cases, not today's.
  const assessment: AssessmentLine = asOf ? { period, unit, step, set, asOf } : { period, unit, step, set }
  return { metric: 'assessment', assessment }
}

// The league's number formats live with the league's cells (lib/assessment-format.ts).
export { change, points } from '../../lib/assessment-format'
