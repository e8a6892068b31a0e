import type { CategoryId, IncidentStatus } from '@shared/domain'
import type { Clock } from './time-buckets'

/** What an incident contributes to its report day, beyond the clock-dependent figures. */
export interface Contribution {
  reported: number
  closed: number
  closedOnTime: number
  rework: number
  reworked: number
}

/** One row of a day's partial: incidents reported that day in one town and category, handled by one department. */
export interface DayPartialRow extends Contribution {
  readonly town: string
  readonly category: CategoryId
  readonly dept: string | null
}

/** A day's partial rows by `town|category|dept`. */
export type DayPartial = Map<string, DayPartialRow>

/** The fields of one incident the aggregates read (the same columns the SQL reads). */
export interface Fact {
  readonly id: string
  readonly status: IncidentStatus
  readonly town: string
  readonly grid: string
  readonly category: CategoryId
  readonly dept: string | null
  readonly reportedAt: number
  readonly dispatched: boolean
  /** assessmentDue on the live clock, or null before the first dispatch. */
  readonly dueAt: number | null
  /** inSuspension on the live clock (缓办 out of the denominator). */
  readonly inSuspension: boolean
  readonly suspended: boolean
  readonly closedAt: number | null
  readonly reworkCount: number
}

/** An open case: its figures that move with the clock (overdue, due) are evaluated at compose time. */
export type OpenFact = Fact

/**
 * Everything the aggregates are composed from. Day partials and closed-day
 * counts are keyed by absolute district day, so a day stays valid as the window
 * slides. Every open case is held (they are the only ones that change), so a
 * change is applied as a delta: its old contribution out, its new one in.
 */
export interface AggregateState {
  readonly clock: Clock
  readonly windowDays: number
  readonly days: Map<number, DayPartial>
  readonly closedDays: Map<number, number>
  readonly reportedHours: Map<number, number>
  readonly closedHours: Map<number, number>
  readonly open: Map<string, OpenFact>
  /** Today's reports: id → place (reports never move, so additions are all there is). */
  readonly today: Map<string, { readonly town: string; readonly grid: string }>
  todayIndex: number
}

export function emptyState(clock: Clock, windowDays: number): AggregateState {
  return {
    clock,
    windowDays,
    days: new Map(),
    closedDays: new Map(),
    reportedHours: new Map(),
    closedHours: new Map(),
    open: new Map(),
    today: new Map(),
    todayIndex: -1,
  }
}

export const partialKey = (town: string, category: string, dept: string | null) => `${town}|${category}|${dept ?? ''}`

/** The same rules as DAY_PARTIALS_SQL (sql.ts), for one incident. */
export function contributionOf(f: Fact): Contribution {
  const closed = f.status === 'closed' && f.dispatched
  return {
    reported: 1,
    closed: closed ? 1 : 0,
    closedOnTime: closed && f.dueAt !== null && f.closedAt !== null && f.closedAt <= f.dueAt ? 1 : 0,
    rework: f.reworkCount,
    reworked: f.reworkCount > 0 ? 1 : 0,
  }
}

const KEYS = ['reported', 'closed', 'closedOnTime', 'rework', 'reworked'] as const

/** Adds (sign 1) or removes (sign −1) one incident's contribution to its day's partial. */
export function addContribution(partial: DayPartial, f: Fact, sign: 1 | -1): void {
  const key = partialKey(f.town, f.category, f.dept)
  let row = partial.get(key)
  if (!row) {
    row = {
      town: f.town,
      category: f.category,
      dept: f.dept,
      reported: 0,
      closed: 0,
      closedOnTime: 0,
      rework: 0,
      reworked: 0,
    }
    partial.set(key, row)
  }
  const c = contributionOf(f)
  for (const k of KEYS) row[k] += sign * c[k]
  if (row.reported === 0) partial.delete(key)
}
