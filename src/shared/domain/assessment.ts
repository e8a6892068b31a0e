import { effectiveDeadline, type Incident } from './incident'
import type { CategoryId } from './categories'

/**
 * Assessment formulas (from published city rules, see ../shared/ARCHITECTURE.md).
 * The count-level functions are what every aggregate uses, SQL or not; the
 * incident-level `assess` shows exactly which cases count where, and is the
 * reference the tests compare SQL aggregates against.
 */

/** A rate as a fraction in [0, 1], or null when nothing was due (never 0/0 = 0%). */
export type Rate = number | null

function rate(numerator: number, denominator: number): Rate {
  return denominator > 0 ? numerator / denominator : null
}

/** 办结率 = closed ÷ (due − suspended). */
export function completionRate(closed: number, due: number, suspended: number): Rate {
  return rate(closed, due - suspended)
}

/** 按期办结率 = closed on time ÷ (due − suspended); open overdue cases are in the denominator, so count as late. */
export function onTimeRate(closedOnTime: number, due: number, suspended: number): Rate {
  return rate(closedOnTime, due - suspended)
}

/** 整改率 = rectified (closed) ÷ found (accepted into handling: neither rejected nor merged). */
export function rectificationRate(rectified: number, found: number): Rate {
  return rate(rectified, found)
}

export interface Assessment {
  /** Cases with a handler whose deadline has passed, or that are already closed. */
  readonly due: number
  /** Of the due ones, open and suspended (缓办): taken out of the denominator. */
  readonly suspended: number
  readonly closed: number
  readonly closedOnTime: number
  readonly overdueOpen: number
  readonly completionRate: Rate
  readonly onTimeRate: Rate
  readonly reworkCount: number
  /** Mean handling time of closed cases, dispatch → close less time suspended, ms. */
  readonly meanHandlingMs: number | null
}

/** Whether a case counts as "due" at `now`. */
export function isDue(i: Incident, now: number): boolean {
  if (i.dispatchedAt === null || i.status === 'rejected' || i.status === 'merged') return false
  if (i.status === 'closed') return true
  if (i.deadline === null) return false
  // A suspended case is due when its deadline (less earlier suspensions) has passed; it is then
  // taken out of the denominator rather than counted late.
  const deadline = i.suspended ? i.deadline + i.suspendedMs : effectiveDeadline(i, now)
  return deadline !== null && deadline < now
}

export function closedOnTime(i: Incident): boolean {
  if (i.status !== 'closed' || i.closedAt === null || i.deadline === null) return false
  return i.closedAt <= i.deadline + i.suspendedMs
}

export function handlingMs(i: Incident): number | null {
  if (i.status !== 'closed' || i.closedAt === null || i.dispatchedAt === null) return null
  return Math.max(0, i.closedAt - i.dispatchedAt - i.suspendedMs)
}

export function assess(incidents: Iterable<Incident>, now: number): Assessment {
  let due = 0
  let suspended = 0
  let closed = 0
  let onTime = 0
  let overdueOpen = 0
  let rework = 0
  let handlingTotal = 0
  let handled = 0
  for (const i of incidents) {
    rework += i.reworkCount
    if (!isDue(i, now)) continue
    due++
    if (i.status === 'closed') {
      closed++
      if (closedOnTime(i)) onTime++
      const h = handlingMs(i)
      if (h !== null) {
        handlingTotal += h
        handled++
      }
    } else if (i.suspended) suspended++
    else overdueOpen++
  }
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

/** Rectification of one hazard category (fire, gas): found = accepted into handling, rectified = closed. */
export function assessRectification(
  incidents: Iterable<Incident>,
  category: CategoryId,
): { found: number; rectified: number; rate: Rate } {
  let found = 0
  let rectified = 0
  for (const i of incidents) {
    if (i.category !== category || i.status === 'rejected' || i.status === 'merged' || i.status === 'reported') continue
    found++
    if (i.status === 'closed') rectified++
  }
  return { found, rectified, rate: rectificationRate(rectified, found) }
}
