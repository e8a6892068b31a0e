import {
  assessPeriod,
  DEFAULT_RULE_SET,
  isOpen,
  isOverdue,
  periodAt,
  type Assignee,
  type Incident,
  type Rate,
  type UnitDirectory,
} from '@shared/domain'

/**
 * My unit's figures for the current period (a calendar month, China time), from
 * the shared assessment definitions (src/shared/domain/assessment, docs/assessment.md):
 * a department or joint team answers for the handling step (处置). This is the
 * desk's one seam onto assessment: when the assessment rules change, only this
 * function follows them.
 */
export interface UnitFigures {
  /** 按期处置率: handling steps fed back by their due time, of those judged this period. */
  readonly onTimeRate: Rate
  /** 应办: handling steps counted this period (due in it, or carried over undone). */
  readonly due: number
  /** 返工率: of those judged, cases returned for rework at least once. */
  readonly reworkRate: Rate
  /** Open cases with the unit now. */
  readonly openLoad: number
  /** Of those, past their deadline (suspended ones are not). */
  readonly overdue: number
}

/** A unit's handling step needs no grid tree: it is judged on the unit alone. */
const NO_AREAS: UnitDirectory = { mediumOf: () => null, workersOf: () => [] }

/**
 * `cases` are those dispatched to the unit now: only the current assignee answers
 * for handling (a case it sent back, 退单, is not counted against it).
 */
export function unitFigures(cases: readonly Incident[], unit: Assignee, now: number): UnitFigures {
  const period = periodAt('month', now)
  const ledger = assessPeriod(cases, { rules: DEFAULT_RULE_SET, dir: NO_AREAS, period }, now)
  const handling = ledger.units(unit.kind).find((u) => u.id === unit.id)?.steps.handling
  const open = cases.filter((i) => isOpen(i))
  return {
    onTimeRate: handling?.onTimeRate ?? null,
    due: handling?.due ?? 0,
    reworkRate: handling?.reworkRate ?? null,
    openLoad: open.length,
    overdue: open.filter((i) => isOverdue(i, now)).length,
  }
}
