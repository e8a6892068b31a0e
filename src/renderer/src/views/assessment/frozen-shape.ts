import type { AssessmentReport } from '@shared/contract'
import type { UnitKind } from '@shared/domain'
import type { FrozenReport, FrozenReportSummary } from '@shared/protocol'

/**
 * One unit kind's league of a frozen report in the shape the league table shows: its frozen
 * numbers, its rule-set version and its log position (seq), never today's recomputation. Null
 * when the report does not cover that kind.
 */
export function frozenLeague(report: FrozenReport, unitKind: UnitKind, minVolume: number): AssessmentReport | null {
  const league = report.body.leagues.find((l) => l.unitKind === unitKind)
  if (!league) return null
  return {
    period: report.period,
    previous: report.body.previous,
    unitKind,
    ruleSet: { version: report.ruleSet.version, name: '' },
    minVolume,
    evaluatedAt: report.evaluatedAt,
    computedAt: report.generatedAt,
    cursor: report.seq,
    ranked: league.ranked,
    insufficient: league.insufficient,
    platform: report.body.platform,
  }
}

/** Which report corrects which: id → the id of the later version that corrects it. */
export function correctedBy(reports: readonly FrozenReportSummary[]): Map<number, number> {
  const map = new Map<number, number>()
  for (const r of reports) if (r.previousId !== null) map.set(r.previousId, r.id)
  return map
}

/** The first 12 hex digits of a hash: enough to compare by eye; the full one is in the tooltip and exports. */
export const shortHash = (hash: string): string => hash.slice(0, 12)
