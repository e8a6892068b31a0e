import type { StepFact } from './steps'

/** An assessment period: [from, to), ms since the epoch. */
export interface Span {
  readonly from: number
  readonly to: number
}

/** How one step counts in one period, judged at `at`. */
export interface Judgement {
  /** In 缓办: shown, and taken out of the denominator. */
  readonly suspended: boolean
  /** Done by the evaluation time. */
  readonly done: boolean
  /** Done by its due time. */
  readonly onTime: boolean
  /** Due before the period and still not done: it stays in, as late. */
  readonly carried: boolean
  /** Start → done less credited suspension, when done. */
  readonly durationMs: number | null
}

/**
 * Periods by due date (docs/assessment.md): a step counts in a period when it fell due in it
 * (and is either done or its due time has passed by the evaluation time), or when it fell due
 * before the period and is still not done — an old overdue case never drops out. The evaluation
 * time is `at`, or the period's end when that is earlier, so a closed period reads the same later.
 */
export function judgeStep(s: StepFact, period: Span, at: number): Judgement | null {
  const j = new JudgementScratch()
  return judgeInto(s, period, at, j) ? { ...j } : null
}

/** A judgement written in place (the judging loop reuses one; see judgeInto). */
export class JudgementScratch implements Judgement {
  suspended = false
  done = false
  onTime = false
  carried = false
  durationMs: number | null = null
}

/** judgeStep without allocating: fills `out` and says whether the step counts in the period. */
export function judgeInto(s: StepFact, period: Span, at: number, out: JudgementScratch): boolean {
  const t = Math.min(at, period.to)
  const done = s.doneAt !== null && s.doneAt <= t
  const inPeriod = s.dueAt >= period.from && s.dueAt < period.to && (done || s.dueAt < t)
  const carried = s.dueAt < period.from && !done && period.from <= t
  if (!inPeriod && !carried) return false
  out.suspended = s.suspended && !done
  out.done = done
  out.onTime = done && s.doneAt !== null && s.doneAt <= s.dueAt
  out.carried = carried
  out.durationMs = done && s.doneAt !== null ? Math.max(0, s.doneAt - s.startAt - s.creditedMs) : null
  return true
}
