import { describe, expect, it } from 'vitest'
import type { CaseLayer } from '@shared/contract'
import { CaseLayerCache } from '../../../src/main/core/map/case-layer-cache'

const layer = (builtAt: number, geojson = '{}'): CaseLayer => ({ key: { metric: 'open' }, geojson, count: 0, builtAt })

/** A build the test finishes by hand, counting how often the cache asked for one. */
function builds() {
  let made = 0
  const pending: ((l: CaseLayer) => void)[] = []
  return {
    get made() {
      return made
    },
    build: () => {
      made++
      return new Promise<CaseLayer>((resolve) => pending.push(resolve))
    },
    finish: (l: CaseLayer) => pending.shift()!(l),
  }
}

describe('the case layers kept for the next map opened', () => {
  it('answers the same query from the layer built before, with its original build time', async () => {
    const cache = new CaseLayerCache()
    const b = builds()
    const first = cache.get({ scope: 'open' }, 1000, b.build)
    b.finish(layer(1000, 'A'))
    await first
    const again = await cache.get({ scope: 'open' }, 5000, b.build)
    expect(again).toEqual(layer(1000, 'A'))
    expect(b.made).toBe(1)
  })

  it('builds again after a change notice, and per query', async () => {
    const cache = new CaseLayerCache()
    const b = builds()
    const open = cache.get({ scope: 'open' }, 0, b.build)
    b.finish(layer(0))
    await open
    const week = cache.get({ scope: 'week' }, 1, b.build)
    b.finish(layer(1))
    await week
    expect(b.made).toBe(2)
    cache.invalidate()
    const after = cache.get({ scope: 'open' }, 2, b.build)
    b.finish(layer(2, 'B'))
    expect((await after).geojson).toBe('B')
    expect(b.made).toBe(3)
  })

  it('shares a build in flight, and does not keep one a change overtook', async () => {
    const cache = new CaseLayerCache()
    const b = builds()
    const one = cache.get({ scope: 'open' }, 0, b.build)
    const two = cache.get({ scope: 'open' }, 1, b.build)
    expect(b.made).toBe(1)
    cache.invalidate()
    b.finish(layer(0, 'old'))
    expect(await one).toBe(await two)
    const three = cache.get({ scope: 'open' }, 2, b.build)
    expect(b.made).toBe(2)
    b.finish(layer(2, 'new'))
    expect((await three).geojson).toBe('new')
  })

  it('builds again once the kept layer is too old, or after a failed build', async () => {
    const cache = new CaseLayerCache(100)
    const b = builds()
    const first = cache.get({ scope: 'open' }, 0, b.build)
    b.finish(layer(0))
    await first
    void cache.get({ scope: 'open' }, 101, b.build)
    expect(b.made).toBe(2)
    const failing = cache.get({ scope: 'today' }, 0, () => Promise.reject(new Error('disk')))
    await expect(failing).rejects.toThrow('disk')
    void cache.get({ scope: 'today' }, 1, b.build)
    expect(b.made).toBe(3)
  })
})
