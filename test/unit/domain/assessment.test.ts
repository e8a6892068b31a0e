import { describe, expect, it } from 'vitest'
import {
  assess,
  assessRectification,
  closedOnTime,
  completionRate,
  isDue,
  isOverdue,
  onTimeRate,
  rectificationRate,
} from '@shared/domain'
import { HOUR, incident } from './fixtures'

const NOW = 100 * HOUR

/** Eight cases worked by hand (times in hours from 0; now = 100 h). */
const cases = [
  // A: closed on time (deadline 48, closed 40): due, closed, on time, handling 40 h.
  incident({ id: 'A', status: 'closed', dispatchedAt: 0, deadline: 48 * HOUR, closedAt: 40 * HOUR }),
  // B: closed late (deadline 24, closed 30): due, closed, late, handling 30 h.
  incident({ id: 'B', status: 'closed', dispatchedAt: 0, deadline: 24 * HOUR, closedAt: 30 * HOUR }),
  // C: open and overdue (deadline 50 < now): due, counts as late.
  incident({ id: 'C', status: 'in_progress', dispatchedAt: 10 * HOUR, deadline: 50 * HOUR }),
  // D: open, deadline 120 still ahead: not due.
  incident({ id: 'D', status: 'dispatched', dispatchedAt: 90 * HOUR, deadline: 120 * HOUR }),
  // E: suspended since 30 with deadline 20 passed: due but out of the denominator.
  incident({
    id: 'E',
    status: 'in_progress',
    dispatchedAt: 0,
    deadline: 20 * HOUR,
    suspended: true,
    suspendedAt: 30 * HOUR,
  }),
  // F: rejected: never due.
  incident({ id: 'F', status: 'rejected' }),
  // G: closed at 30 after 10 h suspended, deadline 24 → effective 34: on time; handling 30 − 10 = 20 h; one rework.
  incident({
    id: 'G',
    status: 'closed',
    dispatchedAt: 0,
    deadline: 24 * HOUR,
    suspendedMs: 10 * HOUR,
    closedAt: 30 * HOUR,
    reworkCount: 1,
  }),
  // H: accepted, never dispatched: not due.
  incident({ id: 'H', status: 'accepted' }),
]

describe('assessment formulas', () => {
  it('counts due, suspended, closed, on time and overdue cases by hand', () => {
    const a = assess(cases, NOW)
    expect(a).toMatchObject({ due: 5, suspended: 1, closed: 3, closedOnTime: 2, overdueOpen: 1, reworkCount: 1 })
    // 办结率 = closed ÷ (due − suspended) = 3 ÷ (5 − 1)
    expect(a.completionRate).toBe(0.75)
    // 按期办结率 = closed on time ÷ (due − suspended) = 2 ÷ 4; the open overdue case C counts as late.
    expect(a.onTimeRate).toBe(0.5)
    // (40 + 30 + 20) ÷ 3 hours
    expect(a.meanHandlingMs).toBe(30 * HOUR)
  })

  it('counts a case closed exactly at its deadline plus suspended time as on time, a millisecond later as late', () => {
    const deadline = 24 * HOUR
    const suspendedMs = 5 * HOUR
    const closed = (closedAt: number) =>
      incident({ status: 'closed', dispatchedAt: 0, deadline, suspendedMs, closedAt, reworkCount: 0 })
    expect(closedOnTime(closed(deadline + suspendedMs))).toBe(true)
    expect(closedOnTime(closed(deadline + suspendedMs + 1))).toBe(false)
    expect(closedOnTime(closed(deadline + suspendedMs - 1))).toBe(true)
    // Without suspension the boundary is the deadline itself.
    expect(closedOnTime(incident({ status: 'closed', dispatchedAt: 0, deadline, closedAt: deadline }))).toBe(true)
    expect(assess([closed(deadline + suspendedMs)], NOW)).toMatchObject({ due: 1, closed: 1, closedOnTime: 1 })
    expect(assess([closed(deadline + suspendedMs)], NOW).onTimeRate).toBe(1)
    expect(assess([closed(deadline + suspendedMs + 1)], NOW)).toMatchObject({ closed: 1, closedOnTime: 0 })
    // Not closed, or no deadline to keep: never "on time".
    expect(closedOnTime(incident({ status: 'verified', dispatchedAt: 0, deadline, closedAt: deadline }))).toBe(false)
    expect(closedOnTime(incident({ status: 'closed', dispatchedAt: 0, deadline: null, closedAt: 0 }))).toBe(false)
    expect(closedOnTime(incident({ status: 'closed', dispatchedAt: 0, deadline, closedAt: null }))).toBe(false)
  })

  it('does not count an open case as overdue or due at the exact moment its deadline (plus suspension) ends', () => {
    const open = incident({ status: 'in_progress', dispatchedAt: 0, deadline: 24 * HOUR, suspendedMs: 5 * HOUR })
    const end = 29 * HOUR
    expect(isOverdue(open, end)).toBe(false)
    expect(isDue(open, end)).toBe(false)
    expect(isOverdue(open, end + 1)).toBe(true)
    expect(isDue(open, end + 1)).toBe(true)
    expect(assess([open], end)).toMatchObject({ due: 0, overdueOpen: 0 })
    expect(assess([open], end + 1)).toMatchObject({ due: 1, overdueOpen: 1, onTimeRate: 0 })
  })

  it('never turns 0 ÷ 0 into 0 %', () => {
    expect(completionRate(0, 0, 0)).toBeNull()
    expect(onTimeRate(0, 3, 3)).toBeNull()
    expect(assess([], NOW)).toMatchObject({ due: 0, completionRate: null, onTimeRate: null, meanHandlingMs: null })
  })

  it('reproduces the source figures (Dongfeng 2021)', () => {
    // 消防: 21,815 found, 20,137 rectified; 燃气: 25,102 found, 23,510 rectified.
    expect(rectificationRate(20_137, 21_815)).toBeCloseTo(0.92308, 5)
    expect(rectificationRate(23_510, 25_102)).toBeCloseTo(0.93658, 5)
    // City-wide completion 98 %: e.g. 4,900 closed of 5,050 due with 50 suspended.
    expect(completionRate(4_900, 5_050, 50)).toBe(0.98)
  })

  it('rates rectification over the hazards due for it, not the ones found minutes ago', () => {
    const due = { dispatchedAt: 0, deadline: 48 * HOUR }
    const r = assessRectification(
      [
        incident({ id: '1', category: 'fire_safety', status: 'closed', ...due, closedAt: 40 * HOUR }),
        incident({ id: '2', category: 'fire_safety', status: 'in_progress', ...due }),
        // Found and dispatched just now: its deadline is ahead, so it is not yet due.
        incident({
          id: '3',
          category: 'fire_safety',
          status: 'dispatched',
          dispatchedAt: 99 * HOUR,
          deadline: 140 * HOUR,
        }),
        incident({ id: '4', category: 'fire_safety', status: 'rejected' }),
        incident({ id: '5', category: 'fire_safety', status: 'reported' }),
        incident({ id: '6', category: 'gas_safety', status: 'closed', ...due, closedAt: 40 * HOUR }),
      ],
      'fire_safety',
      NOW,
    )
    expect(r).toEqual({ found: 2, rectified: 1, rate: 0.5 })
  })
})
