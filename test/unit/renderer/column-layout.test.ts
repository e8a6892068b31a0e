import { describe, expect, it } from 'vitest'
import { columnState, layoutOf, moved, shown } from '../../../src/renderer/src/views/console/column-layout'

const grid = [
  { colId: 'drag' },
  { colId: 'code' },
  { colId: 'priority' },
  { colId: 'title', hide: false },
  { colId: 'status', hide: true },
]

describe('the column chooser', () => {
  it('offers every column but the pinned drag handle and code, in the grid order, hidden ones marked', () => {
    expect(layoutOf(grid)).toEqual([
      { colId: 'priority', hide: false },
      { colId: 'title', hide: false },
      { colId: 'status', hide: true },
    ])
  })

  it('moves a column up or down, clamped at the ends, and never hides the last shown one', () => {
    const layout = layoutOf(grid)
    expect(moved(layout, 'status', -1).map((c) => c.colId)).toEqual(['priority', 'status', 'title'])
    expect(moved(layout, 'priority', -1).map((c) => c.colId)).toEqual(['priority', 'title', 'status'])
    const one = shown(layout, 'priority', false)
    expect(one.filter((c) => !c.hide).map((c) => c.colId)).toEqual(['title'])
    expect(shown(one, 'title', false)).toEqual(one)
  })

  it('gives the grid its state back: fixed columns first, the saved order, columns added since after', () => {
    const saved = [
      { colId: 'status', hide: false },
      { colId: 'priority', hide: true },
      { colId: 'gone', hide: false },
    ]
    expect(columnState(saved, grid)).toEqual([
      { colId: 'drag' },
      { colId: 'code' },
      { colId: 'status', hide: false },
      { colId: 'priority', hide: true },
      { colId: 'title' },
    ])
  })
})
