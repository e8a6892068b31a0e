import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Feature, FeatureCollection } from 'geojson'
import type { CaseFeature, EventName, EventPayloadOf, MapPrefs, RequestName } from '@shared/contract'
import { MapFeed, type FeedApi, type FeedSettings, type MapSink } from '../../../src/renderer/src/data/map-feed'
import { keyboardOrder, step, type MapTarget } from '../../../src/renderer/src/views/map/map-targets'
import { toneOf } from '../../../src/renderer/src/data/map-tones'

const caseAt = (id: string, lng = 113.4, lat = 22.5): CaseFeature => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [lng, lat] },
  properties: { id, code: `ZS-${id}`, g: 'awaiting', p: 1, o: 0 },
})
const empty: FeatureCollection = { type: 'FeatureCollection', features: [] }

/** A sink that records what the feed writes, and a core that answers from a table. */
function harness(answers: Partial<Record<RequestName, (args: unknown) => unknown>>) {
  const writes: { op: 'set' | 'update' | 'states'; source: string; value: unknown }[] = []
  const sink: MapSink = {
    setData: (source, data) => writes.push({ op: 'set', source, value: data }),
    setText: (source, text) => writes.push({ op: 'set', source, value: JSON.parse(text) as unknown }),
    update: (source, diff) => void writes.push({ op: 'update', source, value: diff }),
    setStates: (source, states) => writes.push({ op: 'states', source, value: states }),
  }
  const listeners = new Map<string, ((p: unknown) => void)[]>()
  const calls: { name: string; args: unknown }[] = []
  const api: FeedApi = {
    call: (async (name: RequestName, args: unknown) => {
      calls.push({ name, args })
      const answer = answers[name]
      if (!answer) throw new Error(`no answer for ${name}`)
      return answer(args)
    }) as FeedApi['call'],
    subscribe: (<E extends EventName>(name: E, listener: (payload: EventPayloadOf<E>) => void) => {
      listeners.set(name, [...(listeners.get(name) ?? []), listener as (p: unknown) => void])
      return () => undefined
    }) as FeedApi['subscribe'],
  }
  const push = <E extends EventName>(name: E, payload: EventPayloadOf<E>) => {
    for (const l of listeners.get(name) ?? []) l(payload)
  }
  return { sink, api, writes, calls, push }
}

const layers = (on: Partial<MapPrefs['layers']>): MapPrefs['layers'] => ({
  cases: false,
  heat: false,
  units: false,
  components: false,
  grids: false,
  ...on,
})
const settings = (on: Partial<MapPrefs['layers']>): FeedSettings => ({
  layers: layers(on),
  scope: 'open',
  category: null,
  heatDays: 7,
})
const base = {
  'map.shapes': () => null,
  'map.places': () => ({ data: empty, version: 1, maxOpen: { town: 0, medium: 0, grid: 0 } }),
}

afterEach(() => vi.useRealTimers())

describe('the map feed', () => {
  it('applies a change notice as a diff of the changed cases, never reloading the whole layer', async () => {
    vi.useFakeTimers()
    const h = harness({
      ...base,
      'map.cases': () => ({
        key: { metric: 'open' },
        geojson: JSON.stringify({ type: 'FeatureCollection', features: [caseAt('a'), caseAt('b')] }),
        count: 2,
        builtAt: 1000,
      }),
      'map.caseUpdates': () => ({ add: [caseAt('c')], remove: ['b'], builtAt: 2000 }),
    })
    const feed = new MapFeed(h.sink, h.api, settings({ cases: true }))
    feed.start()
    await vi.advanceTimersByTimeAsync(0)
    expect(h.writes.filter((w) => w.source === 'cases').map((w) => w.op)).toEqual(['set'])
    expect(h.writes.find((w) => w.source === 'cases')?.value).toEqual({
      type: 'FeatureCollection',
      features: [caseAt('a'), caseAt('b')],
    })
    expect(feed.key).toEqual({ metric: 'open' })

    // Two notices inside the gathering window: one request for both ids.
    h.push('changes', { incidentIds: ['b'], all: false, conflictsChanged: false, cursor: 1 })
    h.push('changes', { incidentIds: ['c'], all: false, conflictsChanged: false, cursor: 2 })
    await vi.advanceTimersByTimeAsync(300)
    const updates = h.calls.filter((c) => c.name === 'map.caseUpdates')
    expect(updates).toHaveLength(1)
    expect(updates[0]?.args).toMatchObject({ key: { metric: 'open' }, ids: ['b', 'c'], overdueFrom: 1000 })
    const cases = h.writes.filter((w) => w.source === 'cases')
    expect(cases.map((w) => w.op)).toEqual(['set', 'update'])
    expect(cases[1]?.value).toEqual({ add: [caseAt('c')], remove: ['b'] })
    feed.stop()
  })

  it('asks for the next batch of changes only once the map has taken in the previous one', async () => {
    vi.useFakeTimers()
    const h = harness({
      ...base,
      'map.cases': () => ({ key: { metric: 'open' }, geojson: JSON.stringify(empty), count: 0, builtAt: 1 }),
      'map.caseUpdates': (args) => ({
        add: (args as { ids: string[] }).ids.map((id) => caseAt(id)),
        remove: [],
        builtAt: 2,
      }),
    })
    let taken: () => void = () => undefined
    h.sink.update = (source, diff) => {
      h.writes.push({ op: 'update', source, value: diff })
      return new Promise<void>((resolve) => (taken = resolve))
    }
    const feed = new MapFeed(h.sink, h.api, settings({ cases: true }))
    feed.start()
    await vi.advanceTimersByTimeAsync(0)
    const asked = () =>
      h.calls.filter((c) => c.name === 'map.caseUpdates').map((c) => (c.args as { ids: string[] }).ids)
    h.push('changes', { incidentIds: ['a'], all: false, conflictsChanged: false, cursor: 1 })
    await vi.advanceTimersByTimeAsync(300)
    expect(asked()).toEqual([['a']])
    // The map is still indexing 'a': what arrives meanwhile gathers into one later batch.
    h.push('changes', { incidentIds: ['b'], all: false, conflictsChanged: false, cursor: 2 })
    await vi.advanceTimersByTimeAsync(300)
    h.push('changes', { incidentIds: ['c'], all: false, conflictsChanged: false, cursor: 3 })
    await vi.advanceTimersByTimeAsync(2000)
    expect(asked()).toEqual([['a']])
    taken()
    await vi.advanceTimersByTimeAsync(300)
    expect(asked()).toEqual([['a'], ['b', 'c']])
    feed.stop()
  })

  it('moves units by id from position pushes, and loads a layer only once it is switched on', async () => {
    vi.useFakeTimers()
    const h = harness({
      ...base,
      'map.units': () => ({ units: empty, trails: empty, asOf: 5 }),
      'map.components': () => ({ geojson: JSON.stringify(empty), version: 'v1' }),
    })
    const feed = new MapFeed(h.sink, h.api, settings({ units: true }))
    feed.start()
    await vi.advanceTimersByTimeAsync(0)
    expect(h.calls.map((c) => c.name)).not.toContain('map.components')
    h.push('units', { moves: [{ id: 'team:t1', lng: 113.1, lat: 22.1, at: 1 }] })
    const move = h.writes.find((w) => w.op === 'update' && w.source === 'units')
    expect(move?.value).toEqual({ move: [{ id: 'team:t1', geometry: { type: 'Point', coordinates: [113.1, 22.1] } }] })

    feed.configure(settings({ units: true, components: true }))
    await vi.advanceTimersByTimeAsync(0)
    expect(h.calls.filter((c) => c.name === 'map.components')).toHaveLength(1)
    // Switching units off and a position push: nothing is written for a hidden layer.
    feed.configure(settings({ components: true }))
    const before = h.writes.length
    h.push('units', { moves: [{ id: 'team:t1', lng: 113.2, lat: 22.2, at: 2 }] })
    expect(h.writes.length).toBe(before)
    feed.stop()
  })

  it('a full reset notice rebuilds the case layer instead of patching it', async () => {
    vi.useFakeTimers()
    let built = 0
    const h = harness({
      ...base,
      'map.cases': () => ({
        key: { metric: 'open' },
        geojson: JSON.stringify({ type: 'FeatureCollection', features: [caseAt(`x${++built}`)] as Feature[] }),
        count: 1,
        builtAt: built,
      }),
      'map.caseUpdates': () => ({ add: [], remove: [], builtAt: 0 }),
    })
    const feed = new MapFeed(h.sink, h.api, settings({ cases: true }))
    feed.start()
    await vi.advanceTimersByTimeAsync(0)
    h.push('changes', { incidentIds: [], all: true, conflictsChanged: false, cursor: 9 })
    await vi.advanceTimersByTimeAsync(300)
    expect(h.calls.filter((c) => c.name === 'map.cases')).toHaveLength(2)
    expect(h.calls.filter((c) => c.name === 'map.caseUpdates')).toHaveLength(0)
    feed.stop()
  })
})

const at = (x: number, y: number) => ({ x, y })
describe('keyboard order on the map', () => {
  const targets: MapTarget[] = [
    { kind: 'grid', id: 'g2', label: '乙', at: at(NaN, NaN) },
    { kind: 'case', id: 'c2', label: 'C2', at: at(300, 10) },
    { kind: 'team', id: 't1', label: 'T1', at: at(20, 200) },
    { kind: 'case', id: 'c1', label: 'C1', at: at(100, 20) },
    // The same case drawn twice (split over tiles) is one stop.
    { kind: 'case', id: 'c1', label: 'C1', at: at(100, 20) },
    { kind: 'grid', id: 'g1', label: '甲', at: at(NaN, NaN) },
  ]

  it('walks points in reading order, once each, then the areas', () => {
    expect(keyboardOrder(targets).map((t) => `${t.kind}:${t.id}`)).toEqual([
      'case:c1',
      'case:c2',
      'team:t1',
      'grid:g1',
      'grid:g2',
    ])
  })

  it('steps forward and back with wrap-around, from the first when nothing has focus', () => {
    const order = keyboardOrder(targets)
    expect(step(order, null, 1)?.id).toBe('c1')
    expect(step(order, null, -1)?.id).toBe('g2')
    expect(step(order, 'case:c2', 1)?.id).toBe('t1')
    expect(step(order, 'grid:g2', 1)?.id).toBe('c1')
    expect(step(order, 'case:c1', -1)?.id).toBe('g2')
    expect(step([], null, 1)).toBeNull()
  })
})

describe('area fill tones', () => {
  it('scale by the busiest area, with a floor that keeps a quiet map calm', () => {
    expect(toneOf(0, 50, 10)).toBe(0)
    expect(toneOf(50, 50, 10)).toBe(5)
    expect(toneOf(1, 1, 10)).toBe(1)
    expect(toneOf(20, 50, 10)).toBe(3)
  })
})
