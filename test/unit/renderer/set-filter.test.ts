import { describe, expect, it } from 'vitest'
import { toggled } from '../../../src/renderer/src/views/console/set-filter-model'
import { tableFilters } from '../../../src/renderer/src/views/console/table-query'

const ALL = ['reported', 'accepted', 'closed']
const words = {
  status: (id: string) => id,
  priority: (id: string) => id,
  category: (id: string) => id,
  source: (id: string) => id,
  towns: [],
  grids: [],
  assignees: [],
}

describe('the checkbox list filter', () => {
  it('unticking a box from "all" keeps the others; ticking every box again is no filter', () => {
    const one = toggled(ALL, null, 'closed', false)
    expect(one).toEqual({ filterType: 'set', values: ['reported', 'accepted'] })
    expect(toggled(ALL, one, 'closed', true)).toBeNull()
    expect(toggled(ALL, { filterType: 'set', values: [] }, 'accepted', true)).toEqual({
      filterType: 'set',
      values: ['accepted'],
    })
  })

  it("becomes the core's typed set filter, values as checked (unknown values dropped)", () => {
    expect(tableFilters({ status: { filterType: 'set', values: ['accepted', 'closed', 'nonsense'] } }, words)).toEqual({
      status: { kind: 'set', values: ['accepted', 'closed'] },
    })
  })
})
