import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Feature } from 'geojson'
import type { CaseFeature, EventName, EventPayloadOf, MapPrefs, RequestName } from '@shared/contract'
import { DiffCoalescer, type FeatureDiff } from '../../../src/renderer/src/data/diff-coalescer'
import { MapFeed, type FeedApi, type MapSink } from '../../../src/renderer/src/data/map-feed'

const point = (id: string, version: number): Feature => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [113.4, 22.5] },
  properties: { id, v: version },
})

/** Replays diffs over a source's features by id, as MapLibre applies them (remove, add, move). */
function replay(state: Map<string, Feature>, diff: FeatureDiff): void {
  for (const id of diff.remove ?? []) state.delete(String(id))
  for (const f of diff.add ?? []) state.set(String(f.properties?.id), f)
  for (const m of diff.move ?? []) {
    const f = state.get(m.id)
    if (f) state.set(m.id, { ...f, geometry: m.geometry })
  }
}

afterEach(() => vi.useRealTimers())

describe('live diffs gathered for the map', () => {
  it('keeps the last change of each feature, whatever came before it in the window', async () => {
    vi.useFakeTimers()
    const applied: FeatureDiff[] = []
    const c = new DiffCoalescer((d) => void applied.push(d), 500)
    // The first diff goes at once; the rest gather behind the gap.
    void c.push({ add: [point('x', 0)] })
    await vi.advanceTimersByTimeAsync(0)
    void c.push({ add: [point('a', 1)] })
    void c.push({ add: [point('a', 2)] }) // replaced by a later state
    void c.push({ add: [point('b', 1)] })
    void c.push({ remove: ['b'] }) // added, then removed: removed
    void c.push({ remove: ['c'] })
    void c.push({ add: [point('c', 3)] }) // removed, then added: added
    void c.push({ move: [{ id: 'a', geometry: { type: 'Point', coordinates: [113.5, 22.6] } }] })
    void c.push({ move: [{ id: 'x', geometry: { type: 'Point', coordinates: [1, 2] } }] })
    await vi.advanceTimersByTimeAsync(499)
    expect(applied).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(applied).toHaveLength(2)
    expect(applied[1]).toEqual({
      // Each id once, in the order of its last change.
      add: [point('c', 3), { ...point('a', 2), geometry: { type: 'Point', coordinates: [113.5, 22.6] } }],
      remove: ['b'],
      move: [{ id: 'x', geometry: { type: 'Point', coordinates: [1, 2] } }],
    })
  })

  it('at 200 changes a second hands the map at most one diff per 500 ms and loses none', async () => {
    vi.useFakeTimers()
    const state = new Map<string, Feature>()
    const expected = new Map<string, Feature>()
    let diffs = 0
    const c = new DiffCoalescer(async (d) => {
      diffs++
      replay(state, d)
      await new Promise((r) => setTimeout(r, 120)) // the worker re-clustering
    }, 500)
    for (let i = 0; i < 1000; i++) {
      const id = `case-${i % 37}`
      const diff: FeatureDiff = i % 5 === 4 ? { remove: [id] } : { add: [point(id, i)] }
      replay(expected, diff)
      void c.push(diff)
      await vi.advanceTimersByTimeAsync(5)
    }
    await vi.advanceTimersByTimeAsync(2000)
    expect(diffs).toBeLessThanOrEqual(11)
    expect(diffs).toBeGreaterThanOrEqual(10)
    expect([...state.entries()].sort()).toEqual([...expected.entries()].sort())
  })

  it('sends nothing while the map is still applying a diff, and retries a failed one under newer changes', async () => {
    vi.useFakeTimers()
    const applied: FeatureDiff[] = []
    let fail = true
    let done: () => void = () => undefined
    const c = new DiffCoalescer((d) => {
      applied.push(d)
      if (fail) {
        fail = false
        return Promise.reject(new Error('worker gone'))
      }
      return new Promise<void>((r) => (done = r))
    }, 100)
    void c.push({ add: [point('a', 1), point('b', 1)] })
    await vi.advanceTimersByTimeAsync(0)
    void c.push({ add: [point('a', 2)] })
    await vi.advanceTimersByTimeAsync(100)
    // The failed diff back, with a's newer state.
    expect(applied[1]).toEqual({ add: [point('b', 1), point('a', 2)] })
    void c.push({ add: [point('c', 1)] })
    await vi.advanceTimersByTimeAsync(1000)
    expect(applied).toHaveLength(2)
    done()
    await vi.advanceTimersByTimeAsync(0)
    expect(applied[2]).toEqual({ add: [point('c', 1)] })
  })
})

describe('the map feed under 200 case changes a second', () => {
  it('re-clusters the case layer at most twice a second and ends with every case as the core has it', async () => {
    vi.useFakeTimers()
    const caseOf = (id: string, v: number): CaseFeature => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [113.4, 22.5] },
      properties: { id, code: `ZS-${id}-${v}`, g: 'awaiting', p: 1, o: 0 },
    })
    const core = new Map<string, number>() // id → version; absent: not in the layer
    const listeners = new Set<(p: EventPayloadOf<'changes'>) => void>()
    const api: FeedApi = {
      call: (async (name: RequestName, args: unknown) => {
        if (name === 'map.cases')
          return {
            key: { metric: 'open' },
            geojson: '{"type":"FeatureCollection","features":[]}',
            count: 0,
            builtAt: 1,
          }
        if (name === 'map.caseUpdates') {
          const ids = (args as { ids: string[] }).ids
          const add = ids.filter((id) => core.has(id)).map((id) => caseOf(id, core.get(id)!))
          return { add, remove: ids.filter((id) => !core.has(id)), builtAt: 2 }
        }
        return null
      }) as FeedApi['call'],
      subscribe: (<E extends EventName>(name: E, l: (p: EventPayloadOf<E>) => void) => {
        if (name !== 'changes') return () => undefined
        const listener = l as (p: EventPayloadOf<'changes'>) => void
        listeners.add(listener)
        return () => listeners.delete(listener)
      }) as FeedApi['subscribe'],
    }
    const shown = new Map<string, Feature>()
    let diffs = 0
    const sink: MapSink = {
      setData: () => undefined,
      setText: () => undefined,
      setStates: () => undefined,
      update: (source, diff) => {
        if (source !== 'cases') return
        diffs++
        replay(shown, diff)
      },
    }
    const layers: MapPrefs['layers'] = { cases: true, heat: false, units: false, components: false, grids: false }
    const feed = new MapFeed(sink, api, { layers, scope: 'open', category: null, heatDays: 7 })
    feed.start()
    await vi.advanceTimersByTimeAsync(0)
    for (let i = 0; i < 1000; i++) {
      const id = `c${i % 53}`
      if (i % 7 === 6) core.delete(id)
      else core.set(id, i)
      for (const l of listeners) l({ incidentIds: [id], all: false, conflictsChanged: false, cursor: i })
      await vi.advanceTimersByTimeAsync(5)
    }
    await vi.advanceTimersByTimeAsync(3000)
    feed.stop()
    expect(diffs).toBeLessThanOrEqual(11)
    expect([...shown.keys()].sort()).toEqual([...core.keys()].sort())
    for (const [id, v] of core) expect(shown.get(id)?.properties?.code).toBe(`ZS-${id}-${v}`)
  })
})
