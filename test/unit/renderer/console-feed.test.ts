import { describe, expect, it } from 'vitest'
import type { ChangeNotice, IncidentFilter, IncidentView } from '@shared/contract'
import { IncidentFeed, type FeedEvent } from '../../../src/renderer/src/data/incident-feed'
import { pageOffsets, toDelta } from '../../../src/renderer/src/data/row-transactions'
import { incident } from './incident-fixture'

describe('row deltas', () => {
  it('adds unknown rows, updates changed ones, skips unchanged ones and removes what vanished', () => {
    const known = new Map<string, IncidentView>([
      ['a', incident({ id: 'a', version: 1 })],
      ['b', incident({ id: 'b', version: 2 })],
      ['c', incident({ id: 'c', version: 1 })],
    ])
    const d = toDelta(
      known,
      ['a', 'b', 'c', 'x'],
      [incident({ id: 'a', version: 2 }), incident({ id: 'b', version: 2 }), incident({ id: 'n' })],
    )
    expect(d.add.map((v) => v.id)).toEqual(['n'])
    expect(d.update.map((v) => v.id)).toEqual(['a'])
    expect(d.remove).toEqual(['c'])
  })

  it('a pending overlay appearing or clearing is an update even at the same version', () => {
    const known = new Map([['a', incident({ id: 'a', version: 2, pending: ['dispatch'] })]])
    expect(toDelta(known, ['a'], [incident({ id: 'a', version: 2 })]).update).toHaveLength(1)
  })

  it('pages cover the total', () => {
    expect(pageOffsets(25_000, 10_000)).toEqual([0, 10_000, 20_000])
    expect(pageOffsets(0, 10_000)).toEqual([])
  })
})

/** A fake core: `incidents.list` over an in-memory table, and a way to push change notices. */
function fakeCore(rows: IncidentView[]) {
  const table = new Map(rows.map((r) => [r.id, r]))
  const listeners = new Set<(n: ChangeNotice) => void>()
  const calls: { filter: IncidentFilter; offset: number; limit: number }[] = []
  let gate: Promise<void> = Promise.resolve()
  return {
    table,
    calls,
    hold() {
      let release = () => undefined as void
      gate = new Promise<void>((r) => (release = r))
      return () => release()
    },
    deps: {
      list: async (args: { filter: IncidentFilter; offset: number; limit: number }) => {
        calls.push(args)
        await gate
        const all = [...table.values()]
          .filter((r) => !args.filter.ids || args.filter.ids.includes(r.id))
          .filter((r) => !args.filter.statuses || args.filter.statuses.includes(r.status))
        return { rows: all.slice(args.offset, args.offset + args.limit), total: all.length }
      },
      onChanges: (l: (n: ChangeNotice) => void) => {
        listeners.add(l)
        return () => listeners.delete(l)
      },
    },
    notify(ids: string[], all = false) {
      for (const l of listeners) l({ incidentIds: ids, all, conflictsChanged: false, cursor: 0 })
    },
  }
}

const settle = () => new Promise((r) => setTimeout(r, 5))

describe('incident feed', () => {
  it('loads every page, then refetches only the ids a notice names', async () => {
    const core = fakeCore(Array.from({ length: 25 }, (_, n) => incident({ id: `i${n}` })))
    const events: FeedEvent[] = []
    const feed = new IncidentFeed(core.deps, { filters: [{}], keep: () => true, pageSize: 10 }, (e) => events.push(e))
    feed.start()
    await settle()
    expect(feed.rows.size).toBe(25)
    expect(core.calls.map((c) => c.offset)).toEqual([0, 10, 20])
    expect(feed.isReady()).toBe(true)

    core.table.set('i3', incident({ id: 'i3', version: 2, status: 'accepted' }))
    core.table.delete('i4')
    core.calls.length = 0
    core.notify(['i3', 'i4'])
    await settle()
    expect(core.calls).toEqual([{ filter: { ids: ['i3', 'i4'] }, offset: 0, limit: 2 }])
    const live = events.at(-1)
    expect(live?.phase).toBe('live')
    expect(live?.delta.update.map((v) => v.id)).toEqual(['i3'])
    expect(live?.delta.remove).toEqual(['i4'])
    expect(feed.rows.get('i3')?.status).toBe('accepted')
    feed.stop()
  })

  it('coalesces notices that arrive while a refetch is in flight into one next refetch', async () => {
    const core = fakeCore([incident({ id: 'a' }), incident({ id: 'b' }), incident({ id: 'c' })])
    const feed = new IncidentFeed(core.deps, { filters: [{}], keep: () => true, pageSize: 10 }, () => undefined)
    feed.start()
    await settle()
    core.calls.length = 0
    const release = core.hold()
    core.notify(['a'])
    await settle()
    core.notify(['b'])
    core.notify(['c', 'b'])
    release()
    await settle()
    expect(core.calls.map((c) => c.filter.ids)).toEqual([['a'], ['b', 'c']])
    feed.stop()
  })

  it('queues notices that land during the first load and applies them after it', async () => {
    const core = fakeCore([incident({ id: 'a' })])
    const feed = new IncidentFeed(core.deps, { filters: [{}], keep: () => true, pageSize: 10 }, () => undefined)
    const release = core.hold()
    feed.start()
    core.table.set('n', incident({ id: 'n' }))
    core.notify(['n'])
    release()
    await settle()
    expect([...feed.rows.keys()].sort()).toEqual(['a', 'n'])
    feed.stop()
  })

  it('drops a changed incident that no longer belongs (keep) and reloads everything on a reset', async () => {
    const core = fakeCore([incident({ id: 'a' }), incident({ id: 'b' })])
    const feed = new IncidentFeed(
      core.deps,
      { filters: [{ statuses: ['reported'] }], keep: (v) => v.status === 'reported', pageSize: 10 },
      () => undefined,
    )
    feed.start()
    await settle()
    core.table.set('a', incident({ id: 'a', status: 'dispatched', version: 2 }))
    core.notify(['a'])
    await settle()
    expect([...feed.rows.keys()]).toEqual(['b'])
    core.table.clear()
    core.table.set('z', incident({ id: 'z' }))
    core.notify([], true)
    await settle()
    expect([...feed.rows.keys()]).toEqual(['z'])
    feed.stop()
  })

  it('a local patch shows at once and the next refetch replaces it', async () => {
    const core = fakeCore([incident({ id: 'a' })])
    const phases: string[] = []
    const feed = new IncidentFeed(core.deps, { filters: [{}], keep: () => true, pageSize: 10 }, (e) =>
      phases.push(e.phase),
    )
    feed.start()
    await settle()
    feed.patch(incident({ id: 'a', status: 'dispatched', pending: ['dispatch'] }))
    expect(feed.rows.get('a')?.pending).toEqual(['dispatch'])
    feed.refresh(['a'])
    await settle()
    expect(feed.rows.get('a')?.pending).toEqual([])
    expect(phases).toContain('local')
    feed.stop()
  })
})
