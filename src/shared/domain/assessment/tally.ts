import type { Judgement } from './judge'
import { rate, type Rate } from './rates'
import { SortedBag } from './sorted-bag'
import type { StepFact } from './steps'

/** One unit's figures for one step in one period. */
export interface StepFigures {
  /** 应办: the steps counted in the period (due in it, or carried over still undone). */
  readonly due: number
  /** 缓办: of those, suspended with credit (shown; out of the denominator). */
  readonly suspended: number
  /** due − suspended: the denominator of every rate. */
  readonly judged: number
  /** Done by the evaluation time. */
  readonly done: number
  /** Done by the due time. */
  readonly onTime: number
  /** Carried over from earlier periods (due before, still undone). */
  readonly carried: number
  /** Cases returned for rework at least once. */
  readonly reworked: number
  /** Failed verifications (returns), summed. */
  readonly failures: number
  /** Cases that failed verification 3 or more times. */
  readonly repeatFailures: number
  readonly onTimeRate: Rate
  readonly completionRate: Rate
  /** 返工率 = reworked ÷ judged. */
  readonly reworkRate: Rate
  /** Median and 90th percentile of the done steps' durations (nearest rank), ms. */
  readonly medianMs: number | null
  readonly p90Ms: number | null
}

/** Counts that can be added and taken away again (the incremental ledger relies on it). */
export class StepTally {
  due = 0
  suspended = 0
  done = 0
  onTime = 0
  carried = 0
  reworked = 0
  failures = 0
  repeatFailures = 0
  /** Durations of the done steps (read sorted for the median and P90). */
  readonly durations = new SortedBag()

  /** The figures as last read, until the next change (a refresh re-reads only what changed). */
  private cached: StepFigures | null = null

  add(s: StepFact, j: Judgement, sign: 1 | -1): void {
    this.cached = null
    this.due += sign
    if (j.suspended) this.suspended += sign
    if (j.done) this.done += sign
    if (j.onTime) this.onTime += sign
    if (j.carried) this.carried += sign
    // Rework counts with the judged cases only (a case in 缓办 is out of every denominator).
    if (!j.suspended) {
      if (s.reworkCount > 0) this.reworked += sign
      this.failures += sign * s.reworkCount
      if (s.reworkCount >= 3) this.repeatFailures += sign
    }
    if (j.durationMs !== null) {
      if (sign === 1) this.durations.add(j.durationMs)
      else if (!this.durations.remove(j.durationMs)) throw new Error('removing a duration that was never added')
    }
  }

  get empty(): boolean {
    return this.due === 0
  }

  figures(): StepFigures {
    this.cached ??= this.compute()
    return this.cached
  }

  private compute(): StepFigures {
    const judged = this.due - this.suspended
    return {
      due: this.due,
      suspended: this.suspended,
      judged,
      done: this.done,
      onTime: this.onTime,
      carried: this.carried,
      reworked: this.reworked,
      failures: this.failures,
      repeatFailures: this.repeatFailures,
      onTimeRate: rate(this.onTime, judged),
      completionRate: rate(this.done, judged),
      reworkRate: rate(this.reworked, judged),
      medianMs: this.durations.quantile(0.5),
      p90Ms: this.durations.quantile(0.9),
    }
  }
}
