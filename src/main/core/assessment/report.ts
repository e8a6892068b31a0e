import { ContractError, type AssessmentReport, type PeriodSpec } from '@shared/contract'
import {
  PeriodError,
  periodOfRequest,
  reportLeagues,
  type AssessedCase,
  type Period,
  type ReferenceData,
  type ReportLeagues,
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

/** What a report names besides its leagues: the rule set, the period asked for, when, and at which log position. */
interface ReportMeta {
  readonly rules: RuleSet
  readonly period: Period
  readonly now: number
  readonly cursor: number
}

/** One report per league of a computation (the period's leagues, judged once for every kind). */
export function reportsFrom(r: ReportLeagues, o: ReportMeta): AssessmentReport[] {
  return r.leagues.map((league) => ({
    period: o.period,
    previous: r.previous,
    unitKind: league.unitKind,
    ruleSet: { version: o.rules.version, name: o.rules.name },
    minVolume: o.rules.minVolume,
    evaluatedAt: r.evaluatedAt,
    computedAt: o.now,
    cursor: o.cursor,
    ranked: league.ranked,
    insufficient: league.insufficient,
    platform: r.platform,
  }))
}

/**
 * A period's leagues of `kinds` from the cached cases: judged, scored and ranked ONCE for every
 * kind by the shared assembly (reportLeagues in src/shared/domain/assessment/report.ts), with the
 * previous period's scores beside; one report per kind.
 */
export function buildReports(
  incidents: readonly AssessedCase[],
  o: { ref: Ref; rules: RuleSet; spec: PeriodSpec; kinds: readonly UnitKind[]; now: number; cursor: number },
): AssessmentReport[] {
  const period = periodOf(o.spec, o.now)
  const r = reportLeagues(incidents, { ref: o.ref, rules: o.rules, period, kinds: o.kinds, at: o.now })
  return reportsFrom(r, { rules: o.rules, period, now: o.now, cursor: o.cursor })
}

/** One unit kind's league (buildReports of that kind alone). */
export function buildReport(
  incidents: readonly AssessedCase[],
  o: { ref: Ref; rules: RuleSet; spec: PeriodSpec; unitKind: UnitKind; now: number; cursor: number },
): AssessmentReport {
  return buildReports(incidents, { ...o, kinds: [o.unitKind] })[0] as AssessmentReport
}
