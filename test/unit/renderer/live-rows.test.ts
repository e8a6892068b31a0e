import { describe, expect, it } from 'vitest'
import { planLive, shownDifferently } from '../../../src/renderer/src/views/console/live-rows'
import { incident } from './incident-fixture'

const held = (ids: (string | null)[], atEnd = false) => ({ offset: 100, ids, atEnd })

describe('live changes to the rows the table holds', () => {
  const before = new Map([
    ['a', incident({ id: 'a', version: 3 })],
    ['b', incident({ id: 'b', version: 1 })],
  ])
  const current = (id: string) => before.get(id)

  it('patches a changed row in place when the same ids still fill the same places', () => {
    const plan = planLive(held(['a', 'b', 'c']), ['a', 'b', 'c', 'd'], [incident({ id: 'a', version: 4 })], current)
    expect(plan.reload).toBe(false)
    expect(plan.patch.map((v) => v.id)).toEqual(['a'])
  })

  it('skips a row the table would show the same', () => {
    expect(planLive(held(['a', 'b']), ['a', 'b'], [incident({ id: 'b', version: 1 })], current).patch).toEqual([])
  })

  it('reloads when another id fills a held place: a case arrived, left, or moved', () => {
    expect(planLive(held(['a', 'b', 'c']), ['n', 'a', 'b'], [], current).reload).toBe(true)
    expect(planLive(held(['a', 'b', 'c']), ['a', 'c', 'x'], [], current).reload).toBe(true)
  })

  it('ignores places it does not hold, and rows past the end unless it holds the end', () => {
    expect(planLive(held(['a', null, 'c']), ['a', 'z', 'c'], [], current).reload).toBe(false)
    expect(planLive(held(['a', 'b']), ['a', 'b', 'n'], [], current).reload).toBe(false)
    expect(planLive(held(['a', 'b'], true), ['a', 'b', 'n'], [], current).reload).toBe(true)
    // Fewer rows than it holds: some left.
    expect(planLive(held(['a', 'b']), ['a'], [], current).reload).toBe(true)
  })

  it('sees a pending command appear or clear at the same version', () => {
    const a = incident({ id: 'a', version: 3 })
    expect(shownDifferently(a, { ...a, pending: ['dispatch'] })).toBe(true)
    expect(shownDifferently(a, { ...a })).toBe(false)
  })
})
