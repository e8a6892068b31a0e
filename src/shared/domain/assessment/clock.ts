import type { Incident } from '../incident'

/**
 * Which deadline judges a case that was returned for rework (返工) or reassigned:
 * - `original` (the default): the deadline of the dispatch that stood (the first one, or the
 *   re-dispatch after an approved send-back), moved by approved extensions only. Rework, reopening
 *   and reassignment never buy time; suspensions stop this clock only when they began before the
 *   case was overdue on it.
 * - `latest`: the deadline of the latest dispatch, reassignment or return, with every suspension
 *   credited — the rule before the correction, kept so its figures can be compared.
 */
export const CLOCK_RULES = ['original', 'latest'] as const
export type ClockRule = (typeof CLOCK_RULES)[number]

type ClockFields = Pick<
  Incident,
  | 'deadline'
  | 'suspendedMs'
  | 'suspended'
  | 'firstDeadline'
  | 'extendedMs'
  | 'creditedSuspendedMs'
  | 'suspensionCredited'
>

/**
 * The case's due time for assessment, without the running suspension (a case in 缓办 is taken out
 * of the denominator instead), or null when it was never dispatched.
 */
export function assessmentDue(i: ClockFields, clock: ClockRule): number | null {
  if (clock === 'latest') return i.deadline === null ? null : i.deadline + i.suspendedMs
  return i.firstDeadline === null ? null : i.firstDeadline + i.extendedMs + i.creditedSuspendedMs
}

/** Suspended (缓办) in a way that takes the case out of the denominator under this clock. */
export function inSuspension(i: ClockFields, clock: ClockRule): boolean {
  return i.suspended && (clock === 'latest' || i.suspensionCredited)
}

/** Suspended time deducted from handling times under this clock. */
export function creditedMs(i: ClockFields, clock: ClockRule): number {
  return clock === 'latest' ? i.suspendedMs : i.creditedSuspendedMs
}
