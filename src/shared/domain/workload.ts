import type { ActionType } from './actions'

/** What an operator's hour of work is counted in (the supervisor desk's workload panel). */
export interface WorkloadCounts {
  /** Reports taken in: accepted, rejected or merged (受理). */
  readonly accepted: number
  /** Cases sent to a unit: dispatched or reassigned (派遣). */
  readonly dispatched: number
  /** Verdicts on feedback: verified or returned (核查). */
  readonly verified: number
}

export const WORKLOAD_KIND: Readonly<Partial<Record<ActionType, keyof WorkloadCounts>>> = {
  accept: 'accepted',
  reject: 'accepted',
  merge: 'accepted',
  dispatch: 'dispatched',
  reassign: 'dispatched',
  verify: 'verified',
  return: 'verified',
}

/** The window the workload is counted over: the last hour. */
export const WORKLOAD_WINDOW_MS = 60 * 60_000
