import { assess, isOpen, isOverdue, type Incident, type Rate } from '@shared/domain'

/**
 * My unit's figures for the current period (a calendar month), from the shared
 * assessment definitions. This is the desk's one seam onto assessment: when
 * the assessment rules change, only this function follows them.
 */
export interface UnitFigures {
  /** Closed on time of the cases due this period (assessment's 按期结案率). */
  readonly onTimeRate: Rate
  readonly due: number
  /** Cases fed back this period that came back for rework, of all fed back. */
  readonly reworkRate: Rate
  /** Open cases with the unit now. */
  readonly openLoad: number
  /** Of those, past their deadline (suspended ones are not). */
  readonly overdue: number
}

/** The first instant of the month `now` falls in (local time). */
export function periodStart(now: number): number {
  const d = new Date(now)
  return new Date(d.getFullYear(), d.getMonth(), 1).getTime()
}

/**
 * `cases` are those dispatched to the unit now: a case it sent back is not among
 * them (退单 is not counted against the unit it was wrongly sent to).
 */
export function unitFigures(cases: readonly Incident[], now: number): UnitFigures {
  const from = periodStart(now)
  const inPeriod = cases.filter((i) => i.dispatchedAt !== null && (i.dispatchedAt >= from || isOpen(i)))
  const a = assess(inPeriod, now)
  const fedBack = inPeriod.filter((i) => i.resolvedAt !== null || i.reworkCount > 0)
  const reworked = fedBack.filter((i) => i.reworkCount > 0).length
  const open = cases.filter((i) => isOpen(i))
  return {
    onTimeRate: a.onTimeRate,
    due: a.due,
    reworkRate: fedBack.length ? reworked / fedBack.length : null,
    openLoad: open.length,
    overdue: open.filter((i) => isOverdue(i, now)).length,
  }
}
