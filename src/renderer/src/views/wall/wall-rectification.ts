import type { AssessmentReport } from '@shared/contract'
import type { Rate, StepFigures } from '@shared/domain'

/**
 * The wall's 整改 page (docs/assessment.md, "The wall"): this year's 整改率 so far — fire and gas
 * hazards rectified of those due for rectification since 1 January (the hazard_closing step of the
 * year's assessment) — against the active rule set's year target, city-wide and per town.
 */
export interface RectificationBar {
  readonly id: string
  /** Rectified (closed) of the hazards due so far this year. */
  readonly rectified: number
  readonly due: number
  readonly rate: Rate
  /** rate ÷ target: 1 means the target is met. */
  readonly progress: number | null
}

export interface RectificationProgress {
  readonly year: string
  readonly target: number
  /**
   * Where the bars start: a tenth below the lowest rate (and the target), so differences of a few
   * points are visible from across the room; stated on the page, never hidden.
   */
  readonly axisFrom: number
  readonly city: RectificationBar
  /** Towns with hazards due, furthest behind the target first. */
  readonly towns: readonly RectificationBar[]
}

function bar(id: string, f: StepFigures | undefined, target: number): RectificationBar {
  const rate = f?.completionRate ?? null
  return {
    id,
    rectified: f?.done ?? 0,
    due: f?.judged ?? 0,
    rate,
    progress: rate === null || target <= 0 ? null : rate / target,
  }
}

export function rectificationProgress(report: AssessmentReport, target: number): RectificationProgress {
  const towns = [...report.ranked, ...report.insufficient]
    .map((r) => bar(r.id, r.steps.hazard_closing, target))
    .filter((b) => b.due > 0)
    .sort((a, b) => (a.rate ?? 0) - (b.rate ?? 0) || b.due - a.due || (a.id < b.id ? -1 : 1))
  const city = bar('city', report.platform.hazard_closing, target)
  const lowest = Math.min(target, ...[city, ...towns].map((b) => b.rate ?? target))
  const axisFrom = Math.max(0, Math.floor((lowest - 0.1) * 10) / 10)
  return { year: report.period.label, target, axisFrom, city, towns }
}

/** A rate's place along the bars (0 at `axisFrom`, 1 at 100%). */
export function alongAxis(rate: number, axisFrom: number): number {
  return Math.min(1, Math.max(0, (rate - axisFrom) / (1 - axisFrom)))
}
