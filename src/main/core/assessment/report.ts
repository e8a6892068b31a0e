import { ContractError, type AssessmentReport, type AssessmentRow, type PeriodSpec } from '@shared/contract'
import {
  assessPeriod,
  customPeriod,
  directoryFrom,
  periodAt,
  previousPeriod,
  rankUnits,
  scoreUnit,
  type Incident,
  type LeagueEntry,
  type Period,
  type ReferenceData,
  type RuleSet,
  type UnitFigures,
  type UnitKind,
} from '@shared/domain'

/** The period a request names; a custom range that ends before it starts is the caller's error. */
export function periodOf(spec: PeriodSpec, now: number): Period {
  if (spec.kind !== 'custom') return periodAt(spec.kind, spec.at ?? now)
  try {
    return customPeriod(spec.first, spec.last)
  } catch (err) {
    throw new ContractError('invalid_args', err instanceof Error ? err.message : String(err))
  }
}

type Ref = Pick<ReferenceData, 'grids' | 'workers'>

/**
 * A period's league of one unit kind from the cached incidents: judged, scored and ranked by the
 * shared definitions (src/shared/domain/assessment), with the previous period's scores beside.
 */
export function buildReport(
  incidents: readonly Incident[],
  o: { ref: Ref; rules: RuleSet; spec: PeriodSpec; unitKind: UnitKind; now: number; cursor: number },
): AssessmentReport {
  const dir = directoryFrom(o.ref)
  const period = periodOf(o.spec, o.now)
  const previous = previousPeriod(period)
  const current = assessPeriod(incidents, { rules: o.rules, dir, period }, o.now)
  const before = assessPeriod(incidents, { rules: o.rules, dir, period: previous }, o.now)
  const figures = new Map<string, UnitFigures>(current.units(o.unitKind).map((u) => [u.id, u]))
  const league = rankUnits(
    [...figures.values()].map((f) => scoreUnit(f, o.rules)),
    o.rules,
    before.units(o.unitKind).map((f) => scoreUnit(f, o.rules)),
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
  return {
    period,
    previous,
    unitKind: o.unitKind,
    ruleSet: { version: o.rules.version, name: o.rules.name },
    minVolume: o.rules.minVolume,
    evaluatedAt: current.evaluatedAt,
    computedAt: o.now,
    cursor: o.cursor,
    ranked: league.ranked.map(row),
    insufficient: league.insufficient.map(row),
    platform: current.platform(),
  }
}
