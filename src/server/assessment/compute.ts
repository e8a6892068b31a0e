import type { AssessmentRow, PeriodSpec } from '@shared/contract'
import {
  assessPeriod,
  customPeriod,
  directoryFrom,
  periodAt,
  previousPeriod,
  rankUnits,
  scoreUnit,
  UNIT_KINDS,
  type Incident,
  type LeagueEntry,
  type Period,
  type ReferenceData,
  type RuleSet,
} from '@shared/domain'
import type { FrozenLeague, FrozenReportBody, ReportScope } from '@shared/protocol'
import { AssessmentProblem } from './rule-set-store'

/** The period a close names (a custom range that ends before it starts is the caller's error). */
export function periodOfSpec(spec: PeriodSpec, now: number): Period {
  if (spec.kind !== 'custom') return periodAt(spec.kind, spec.at ?? now)
  try {
    return customPeriod(spec.first, spec.last)
  } catch (err) {
    throw new AssessmentProblem('invalid_payload', err instanceof Error ? err.message : String(err))
  }
}

/**
 * A period's report from a set of incidents, with the shared definitions (src/shared/domain/
 * assessment): each unit kind in `scope` judged at `at`, scored and ranked under `rules`, with
 * the previous period's scores beside. Pure: the same incidents, rules, period and instant give
 * the same body, which is what lets anyone recompute a frozen report from the log.
 */
export function computeReportBody(
  incidents: Iterable<Incident>,
  o: { ref: Pick<ReferenceData, 'grids' | 'workers'>; rules: RuleSet; period: Period; scope: ReportScope; at: number },
): FrozenReportBody {
  const list = [...incidents]
  const dir = directoryFrom(o.ref)
  const previous = previousPeriod(o.period)
  const current = assessPeriod(list, { rules: o.rules, dir, period: o.period }, o.at)
  const before = assessPeriod(list, { rules: o.rules, dir, period: previous }, o.at)
  const kinds = o.scope === 'all' ? UNIT_KINDS : [o.scope]
  const leagues: FrozenLeague[] = kinds.map((unitKind) => {
    const figures = new Map(current.units(unitKind).map((u) => [u.id, u]))
    const league = rankUnits(
      [...figures.values()].map((f) => scoreUnit(f, o.rules)),
      o.rules,
      before.units(unitKind).map((f) => scoreUnit(f, o.rules)),
    )
    const row = (e: LeagueEntry): AssessmentRow => ({
      kind: e.kind,
      id: e.id,
      score: e.score,
      rank: e.rank,
      bottom: e.bottom,
      previousScore: e.previousScore,
      change: e.change,
      volume: e.volume,
      lines: e.lines,
      steps: figures.get(e.id)?.steps ?? {},
    })
    return { unitKind, ranked: league.ranked.map(row), insufficient: league.insufficient.map(row) }
  })
  return { previous, leagues, platform: current.platform() }
}
