import { describe, expect, it } from 'vitest'
import { categoryDef } from '@shared/domain'
import { acceptance, queueLayout } from '../../../src/renderer/src/views/console/pending-queue'

const T0 = Date.UTC(2026, 10, 29, 2, 0)
const MIN = 60_000

describe('the pending queue', () => {
  it('is sorted by priority, then oldest first, with the waiting and acceptance columns shown only there', () => {
    const queue = queueLayout(true)
    expect(queue.state.filter((s) => 'sort' in s)).toEqual([
      { colId: 'priority', sort: 'asc', sortIndex: 0 },
      { colId: 'reportedAt', sort: 'asc', sortIndex: 1 },
    ])
    expect(queue.state.filter((s) => 'hide' in s)).toEqual([
      { colId: 'waiting', hide: false },
      { colId: 'acceptBy', hide: false },
    ])
    const other = queueLayout(false)
    expect(other.state.filter((s) => 'sort' in s)).toEqual([{ colId: 'reportedAt', sort: 'desc', sortIndex: 0 }])
    expect(other.state.filter((s) => 'hide' in s).every((s) => 'hide' in s && s.hide)).toBe(true)
  })

  it("counts the wait from the report and holds a new report to its category's acceptance limit", () => {
    const minutes = categoryDef('public_security').acceptMinutes
    const report = { category: 'public_security' as const, status: 'reported' as const, reportedAt: T0 }
    expect(acceptance(report, T0 + 5 * MIN)).toEqual({ waitingMs: 5 * MIN, limit: T0 + minutes * MIN, overdue: false })
    expect(acceptance(report, T0 + (minutes + 1) * MIN).overdue).toBe(true)
    // Accepted: still waiting for dispatch, no longer for acceptance.
    expect(acceptance({ ...report, status: 'accepted' }, T0 + 600 * MIN)).toEqual({
      waitingMs: 600 * MIN,
      limit: null,
      overdue: false,
    })
    // Life-safety categories are accepted sooner than services.
    expect(categoryDef('gas_safety').acceptMinutes).toBeLessThan(categoryDef('resident_services').acceptMinutes)
  })
})
