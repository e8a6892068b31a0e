import type { PeriodSpec } from '@shared/contract'
import {
  PeriodError,
  periodOfRequest,
  reportLeagues,
  UNIT_KINDS,
  type Incident,
  type Period,
  type ReferenceData,
  type RuleSet,
} from '@shared/domain'
import type { FrozenReportBody, ReportScope } from '@shared/protocol'
import { AssessmentProblem } from './rule-set-store'

/** The period a close names (a custom range that ends before it starts is the caller's error). */
export function periodOfSpec(spec: PeriodSpec, now: number): Period {
  try {
    return periodOfRequest(spec, now)
  } catch (err) {
    if (err instanceof PeriodError) throw new AssessmentProblem('invalid_payload', err.message)
    throw err
  }
}

/**
 * A period's report from a set of incidents, with the shared assembly (reportLeagues in
 * src/shared/domain/assessment/report.ts): each unit kind in `scope` judged at `at`, scored and
 * ranked under `rules`, with the previous period's scores beside. Pure: the same incidents, rules,
 * period and instant give the same body, which is what lets anyone recompute a frozen report from
 * the log.
 */
export function computeReportBody(
  incidents: Iterable<Incident>,
  o: { ref: Pick<ReferenceData, 'grids' | 'workers'>; rules: RuleSet; period: Period; scope: ReportScope; at: number },
): FrozenReportBody {
  const kinds = o.scope === 'all' ? UNIT_KINDS : [o.scope]
  const r = reportLeagues(incidents, { ref: o.ref, rules: o.rules, period: o.period, kinds, at: o.at })
  return { previous: r.previous, leagues: r.leagues, platform: r.platform }
}
