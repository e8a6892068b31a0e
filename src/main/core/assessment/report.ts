import { ContractError, type AssessmentReport, type PeriodSpec } from '@shared/contract'
import {
  PeriodError,
  periodOfRequest,
  reportLeagues,
  type AssessedCase,
  type Period,
  type ReferenceData,
  type RuleSet,
  type UnitKind,
} from '@shared/domain'

/** The period a request names; a custom range that ends before it starts is the caller's error. */
export function periodOf(spec: PeriodSpec, now: number): Period {
  try {
    return periodOfRequest(spec, now)
  } catch (err) {
    if (err instanceof PeriodError) throw new ContractError('invalid_args', err.message)
    throw err
  }
}

type Ref = Pick<ReferenceData, 'grids' | 'workers'>

/**
 * A period's league of one unit kind from the cached cases: judged, scored and ranked by the
 * shared assembly (reportLeagues in src/shared/domain/assessment/report.ts), with the previous
 * period's scores beside.
 */
export function buildReport(
  incidents: readonly AssessedCase[],
  o: { ref: Ref; rules: RuleSet; spec: PeriodSpec; unitKind: UnitKind; now: number; cursor: number },
): AssessmentReport {
  const period = periodOf(o.spec, o.now)
  const r = reportLeagues(incidents, { ref: o.ref, rules: o.rules, period, kinds: [o.unitKind], at: o.now })
  const league = r.leagues[0]
  return {
    period,
    previous: r.previous,
    unitKind: o.unitKind,
    ruleSet: { version: o.rules.version, name: o.rules.name },
    minVolume: o.rules.minVolume,
    evaluatedAt: r.evaluatedAt,
    computedAt: o.now,
    cursor: o.cursor,
    ranked: league?.ranked ?? [],
    insufficient: league?.insufficient ?? [],
    platform: r.platform,
  }
}
