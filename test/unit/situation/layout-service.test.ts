import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ScreenLayout } from '../../../src/shared/contract'
import { LayoutService, type LayoutRemote } from '../../../src/main/core/screens/layout-service'
import type { Store } from '../../../src/main/core/store/open-store'
import { tempStore } from '../sync/helpers'

const layout = (role: 'console' | 'wall'): ScreenLayout => ({
  version: 1,
  assignments: [{ displayId: '1', label: 'P', width: 1920, height: 1080, role }],
})

/** The central server's side: one layout per actor, or unreachable. */
class FakeRemote implements LayoutRemote {
  up = true
  stored: { layout: unknown; updatedAt: number | null } = { layout: null, updatedAt: null }
  async fetch() {
    if (!this.up) throw new Error('offline')
    return this.stored
  }
  async save(l: ScreenLayout) {
    if (!this.up) throw new Error('offline')
    this.stored = { layout: l, updatedAt: Date.now() }
    return { updatedAt: this.stored.updatedAt }
  }
}

let store: Store
let cleanup: () => Promise<void>
beforeEach(async () => {
  const t = await tempStore()
  store = t.store
  cleanup = t.cleanup
})
afterEach(() => cleanup())

describe('screen layouts follow the operator, with a local copy for outages', () => {
  it('saves on the server and reads it back from any workstation', async () => {
    const remote = new FakeRemote()
    const here = new LayoutService(store.sqlite, remote, () => 'op-1')
    expect(await here.get()).toMatchObject({ layout: null, source: 'none' })
    expect(await here.save(layout('wall'))).toMatchObject({ source: 'server', pendingUpload: false })
    // Another workstation (its own store), the same operator, the same server.
    const other = await tempStore()
    try {
      const there = new LayoutService(other.store.sqlite, remote, () => 'op-1')
      expect((await there.get()).layout).toEqual(layout('wall'))
    } finally {
      await other.cleanup()
    }
  })

  it('keeps a save made offline locally, serves it while offline, uploads it when the server is back', async () => {
    const remote = new FakeRemote()
    const svc = new LayoutService(store.sqlite, remote, () => 'op-1')
    await svc.save(layout('console'))
    remote.up = false
    expect(await svc.save(layout('wall'))).toMatchObject({ source: 'local', pendingUpload: true })
    expect(await svc.get()).toMatchObject({ layout: layout('wall'), source: 'local', pendingUpload: true })
    remote.up = true
    expect(await svc.get()).toMatchObject({ layout: layout('wall'), source: 'server', pendingUpload: false })
    expect(remote.stored.layout).toEqual(layout('wall'))
  })

  it('keeps layouts apart per operator', async () => {
    let who = 'op-1'
    const svc = new LayoutService(store.sqlite, null, () => who)
    await svc.save(layout('wall'))
    who = 'op-2'
    expect((await svc.get()).layout).toBeNull()
  })
})
