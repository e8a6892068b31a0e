import type { CategoryId } from '../categories'
import { isOpen, type Incident } from '../incident'
import { assessmentDue, creditedMs, inSuspension, type ClockRule } from './clock'
import { completionRate, onTimeRate, rectificationRate, type Rate } from './rates'
import { DEFAULT_RULE_SET } from './rules'

/**
 * The live figures of the dashboard and the wall (docs/assessment.md, "The live window"): the
 * platform's 按期结案率 and 结案率 over the last days, judged on the same clock as the periods.
 * The incident-level functions here say exactly which cases count where; the workstation's SQL
 * (src/main/core/aggregates/sql.ts) mirrors them and the tests compare the two.
 */

/** The live figures use the default rule set's clock (the original deadline). */
export const LIVE_CLOCK: ClockRule = DEFAULT_RULE_SET.clock

export interface Assessment {
  /** Closed cases reported in the window, plus every open case past its due time. */
  readonly due: number
  /** Of the open past-due ones, those in 缓办: out of the denominator (shown). */
  readonly suspended: number
  readonly closed: number
  readonly closedOnTime: number
  /** Open, past due and not in 缓办: late, wherever they were reported (the overdue tile). */
  readonly overdueOpen: number
  readonly completionRate: Rate
  readonly onTimeRate: Rate
  readonly reworkCount: number
  /** Mean handling time of the closed ones, first dispatch → close less credited suspension, ms. */
  readonly meanHandlingMs: number | null
}

/** Open, dispatched, past its due time on `clock` and not in 缓办: late now (the overdue tile). */
export function isLate(i: Incident, now: number, clock: ClockRule = LIVE_CLOCK): boolean {
  if (!isOpen(i) || inSuspension(i, clock)) return false
  const due = assessmentDue(i, clock)
  return due !== null && due < now
}

/** Open, dispatched, past its due time and in 缓办: counted due but out of the denominator. */
export function isSuspendedDue(i: Incident, now: number, clock: ClockRule = LIVE_CLOCK): boolean {
  if (!isOpen(i) || !inSuspension(i, clock)) return false
  const due = assessmentDue(i, clock)
  return due !== null && due < now
}

/** Closed after a dispatch (a closed case is always due). */
export function isClosedDue(i: Incident): boolean {
  return i.status === 'closed' && i.dispatchedAt !== null
}

/** Whether a case counts as due at `now`: closed, or open and past its due time. */
export function isDue(i: Incident, now: number, clock: ClockRule = LIVE_CLOCK): boolean {
  return isClosedDue(i) || isLate(i, now, clock) || isSuspendedDue(i, now, clock)
}

/** Closed no later than its due time on `clock` (rework and reassignment do not restart it). */
export function closedOnTime(i: Incident, clock: ClockRule = LIVE_CLOCK): boolean {
  if (!isClosedDue(i) || i.closedAt === null) return false
  const due = assessmentDue(i, clock)
  return due !== null && i.closedAt <= due
}

export function handlingMs(i: Incident, clock: ClockRule = LIVE_CLOCK): number | null {
  if (i.status !== 'closed' || i.closedAt === null) return null
  const start = clock === 'latest' ? i.dispatchedAt : (i.firstDispatchedAt ?? i.dispatchedAt)
  if (start === null) return null
  return Math.max(0, i.closedAt - start - creditedMs(i, clock))
}

/**
 * The live window's assessment at `now`: closed cases count when reported at or after
 * `windowStart`; open past-due cases count whenever they were reported, so an old overdue case
 * stays in the denominator (and the overdue tile counts the same cases).
 */
export function assess(
  incidents: Iterable<Incident>,
  now: number,
  windowStart = Number.NEGATIVE_INFINITY,
  clock: ClockRule = LIVE_CLOCK,
): Assessment {
  let suspended = 0
  let closed = 0
  let onTime = 0
  let overdueOpen = 0
  let rework = 0
  let handlingTotal = 0
  let handled = 0
  for (const i of incidents) {
    const inWindow = i.reportedAt >= windowStart
    if (inWindow) rework += i.reworkCount
    if (isLate(i, now, clock)) overdueOpen++
    else if (isSuspendedDue(i, now, clock)) suspended++
    else if (inWindow && isClosedDue(i)) {
      closed++
      if (closedOnTime(i, clock)) onTime++
      const h = handlingMs(i, clock)
      if (h !== null) {
        handlingTotal += h
        handled++
      }
    }
  }
  const due = closed + overdueOpen + suspended
  return {
    due,
    suspended,
    closed,
    closedOnTime: onTime,
    overdueOpen,
    completionRate: completionRate(closed, due, suspended),
    onTimeRate: onTimeRate(onTime, due, suspended),
    reworkCount: rework,
    meanHandlingMs: handled > 0 ? handlingTotal / handled : null,
  }
}

/**
 * 整改率 of one hazard category in the live window: the hazards due for rectification (closed
 * ones reported in the window, and open ones past their deadline, not in 缓办) and, of those,
 * the rectified (closed) ones. A hazard found minutes ago is not yet due, so it does not count.
 */
export function assessRectification(
  incidents: Iterable<Incident>,
  category: CategoryId,
  now: number,
  windowStart = Number.NEGATIVE_INFINITY,
  clock: ClockRule = LIVE_CLOCK,
): { found: number; rectified: number; rate: Rate } {
  let found = 0
  let rectified = 0
  for (const i of incidents) {
    if (i.category !== category) continue
    if (isLate(i, now, clock)) found++
    else if (i.reportedAt >= windowStart && isClosedDue(i)) {
      found++
      rectified++
    }
  }
  return { found, rectified, rate: rectificationRate(rectified, found) }
}
