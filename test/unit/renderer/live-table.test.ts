import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { IncidentView, TableChanges, TableCounts, TableQuery } from '@shared/contract'
import { LiveTable, type LiveGrid } from '../../../src/renderer/src/views/console/live-table'
import { PacedCount } from '../../../src/renderer/src/views/console/paced-count'
import { incident } from './incident-fixture'

const QUERY: TableQuery = {
  view: 'all',
  myTowns: '*',
  filters: {},
  quick: [],
  drill: null,
  sort: [],
  arrivedUpTo: null,
}
const notice = (ids: string[], all = false) => ({ incidentIds: ids, all, conflictsChanged: false, cursor: 1 })

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

/** A grid holding rows 0..n-1 (ids r0, r1…), recording what the live updates do to it. */
function fakeGrid(n: number) {
  const rows = new Map<number, IncidentView>()
  for (let i = 0; i < n; i++) rows.set(i, incident({ id: `r${i}`, version: 1 }))
  const did = { reloads: 0, restarts: 0, patched: [] as string[] }
  const grid: LiveGrid = {
    held: () => new Map(rows),
    displayed: () => ({ first: 0, last: n - 1 }),
    rowCount: () => ({ count: 1000, known: true }),
    reload: () => did.reloads++,
    restart: () => did.restarts++,
    patch: (views) => did.patched.push(...views.map((v) => v.id)),
  }
  return { grid, did }
}

describe('live updates of the rows the table holds', () => {
  it('coalesces notices into one look and patches changed rows in place when nothing moved', async () => {
    const { grid, did } = fakeGrid(5)
    const asked: { ids: string[]; offset: number; limit: number }[] = []
    const changed = vi.fn(async (args: { ids: string[]; offset: number; limit: number }): Promise<TableChanges> => {
      asked.push(args)
      return { ids: ['r0', 'r1', 'r2', 'r3', 'r4', 'r5'], rows: [incident({ id: 'r2', version: 2 })], cursor: 2 }
    })
    const live = new LiveTable({ grid, query: () => QUERY, changed, onLook: () => undefined, onError: () => undefined })
    live.notice(notice(['r2', 'elsewhere']))
    live.notice(notice(['r2']))
    await vi.runAllTimersAsync()
    expect(changed).toHaveBeenCalledTimes(1)
    // Only held ids are asked about; the range is what is held, and one more.
    expect(asked[0]).toMatchObject({ ids: ['r2'], offset: 0, limit: 6 })
    expect(did).toEqual({ reloads: 0, restarts: 0, patched: ['r2'] })
  })

  it('a change elsewhere costs one look and nothing else', async () => {
    const { grid, did } = fakeGrid(3)
    const live = new LiveTable({
      grid,
      query: () => QUERY,
      changed: async () => ({ ids: ['r0', 'r1', 'r2', 'r3'], rows: [], cursor: 2 }),
      onLook: () => undefined,
      onError: () => undefined,
    })
    live.notice(notice(['far-away']))
    await vi.runAllTimersAsync()
    expect(did).toEqual({ reloads: 0, restarts: 0, patched: [] })
  })

  it('reloads when the order moved, at most once a second', async () => {
    const { grid, did } = fakeGrid(3)
    const live = new LiveTable({
      grid,
      query: () => QUERY,
      changed: async () => ({ ids: ['new', 'r0', 'r1', 'r2'], rows: [], cursor: 2 }),
      onLook: () => undefined,
      onError: () => undefined,
    })
    live.notice(notice(['new']))
    await vi.advanceTimersByTimeAsync(200)
    expect(did.reloads).toBe(1)
    live.notice(notice(['newer']))
    await vi.advanceTimersByTimeAsync(300)
    expect(did.reloads).toBe(1)
    await vi.advanceTimersByTimeAsync(1000)
    expect(did.reloads).toBe(2)
  })

  it('starts over when the whole cache was rebuilt', async () => {
    const { grid, did } = fakeGrid(3)
    const changed = vi.fn()
    const live = new LiveTable({ grid, query: () => QUERY, changed, onLook: () => undefined, onError: () => undefined })
    live.notice(notice([], true))
    await vi.runAllTimersAsync()
    expect(did.restarts).toBe(1)
    expect(changed).not.toHaveBeenCalled()
  })
})

describe('the paced count', () => {
  it('counts a new query at once, and after changes no sooner than the pace allows, one at a time', async () => {
    const counts: number[] = []
    let n = 100
    const count = vi.fn(async (): Promise<TableCounts> => ({
      count: n++,
      cached: 500,
      cursor: 1,
      newer: 0,
      lastArrival: 500,
    }))
    const paced = new PacedCount({
      count,
      onCount: (r) => counts.push(r.count),
      onCounting: () => undefined,
      onError: () => undefined,
    })
    paced.ask(QUERY, true)
    await vi.advanceTimersByTimeAsync(0)
    expect(counts).toEqual([100])
    expect(paced.known(QUERY)).toBe(100)
    paced.ask(QUERY, false)
    paced.ask(QUERY, false)
    await vi.advanceTimersByTimeAsync(500)
    expect(count).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(2000)
    expect(count).toHaveBeenCalledTimes(2)
    expect(counts).toEqual([100, 101])
    // Another query is counted at once, and an answer for the old one would be dropped.
    paced.ask({ ...QUERY, view: 'awaiting' }, true)
    expect(paced.known(QUERY)).toBeNull()
    await vi.advanceTimersByTimeAsync(0)
    expect(count).toHaveBeenCalledTimes(3)
    paced.stop()
  })
})
