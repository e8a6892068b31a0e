import { describe, expect, it } from 'vitest'
import { CATEGORIES, defaultDeadline, defaultHandlingMs, effectiveDeadline, isOverdue } from '@shared/domain'
import { HOUR, incident } from './fixtures'

describe('deadlines', () => {
  it('scales the category base time by priority', () => {
    expect(defaultHandlingMs('fire_safety', 'normal')).toBe(48 * HOUR)
    expect(defaultHandlingMs('fire_safety', 'urgent')).toBe(12 * HOUR)
    expect(defaultHandlingMs('gas_safety', 'high')).toBe(12 * HOUR)
    expect(defaultHandlingMs('public_security', 'urgent')).toBe(3 * HOUR)
    expect(defaultHandlingMs('industrial_parks', 'low')).toBe(480 * HOUR)
    expect(defaultDeadline('gas_safety', 'normal', 1000)).toBe(1000 + 24 * HOUR)
  })

  it('category shares of the simulator mix sum to 1', () => {
    expect(CATEGORIES.reduce((s, c) => s + c.share, 0)).toBeCloseTo(1, 10)
  })

  it('pushes the deadline back by time suspended, including a running suspension', () => {
    const i = incident({
      status: 'in_progress',
      deadline: 10 * HOUR,
      suspendedMs: 2 * HOUR,
      suspended: true,
      suspendedAt: 5 * HOUR,
    })
    expect(effectiveDeadline(i, 8 * HOUR)).toBe(15 * HOUR) // 10 + 2 + (8 − 5)
    expect(isOverdue(i, 100 * HOUR)).toBe(false) // suspended cases are never overdue
    const running = incident({ status: 'in_progress', deadline: 10 * HOUR, suspendedMs: 2 * HOUR })
    expect(isOverdue(running, 12 * HOUR)).toBe(false)
    expect(isOverdue(running, 12 * HOUR + 1)).toBe(true)
    expect(isOverdue(incident({ status: 'closed', deadline: 0 }), HOUR)).toBe(false)
  })
})
