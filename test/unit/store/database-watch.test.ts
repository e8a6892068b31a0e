import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { PushHub } from '../../../src/main/core/push-hub'
import { StatusBoard } from '../../../src/main/core/status-board'
import { readDatabaseStatus } from '../../../src/main/core/database-status'
import { watchDatabaseStatus, type DatabaseWatch } from '../../../src/main/core/database-watch'
import { upsertIncidents } from '../../../src/main/core/store/incident-rows'
import type { Store } from '../../../src/main/core/store/open-store'
import { baseIncident } from '../../support/incident'
import { tempStore } from '../sync/helpers'

let store: Store
let cleanup: () => Promise<void>
let hub: PushHub
let status: StatusBoard
let watch: DatabaseWatch | null = null

beforeEach(async () => {
  const t = await tempStore()
  store = t.store
  cleanup = t.cleanup
  hub = new PushHub()
  status = new StatusBoard(hub, await readDatabaseStatus(store, null))
})
afterEach(async () => {
  await watch?.stop()
  watch = null
  status.dispose()
  await cleanup()
})

const cases = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => baseIncident({ id: `case-${from + i}`, code: `ZS-261128-${from + i}` }))
const changed = (ids: string[]) =>
  hub.emit('changes', { incidentIds: ids, all: false, conflictsChanged: false, cursor: 0 })

describe("the status bar's store figures", () => {
  it('follow the cache as it fills, not the moment the window opened', async () => {
    watch = watchDatabaseStatus({ hub, status, store, recoveredFrom: null, intervalMs: 50 })
    expect(status.get().database.incidents).toBe(0)
    await store.sqlite.transaction((tx) => upsertIncidents(tx, cases(0, 3)))
    changed(['case-0', 'case-1', 'case-2'])
    await expect.poll(() => status.get().database.incidents).toBe(3)
    await store.sqlite.transaction((tx) => upsertIncidents(tx, cases(3, 4)))
    changed(['case-3'])
    await expect.poll(() => status.get().database.incidents).toBe(7)
    expect(status.get().database.sizeBytes).toBeGreaterThan(0)
  })

  it('are re-read at most once per interval however many batches land', async () => {
    const count = vi.spyOn(store.sqlite, 'get')
    const reads = () => count.mock.calls.filter(([sql]) => sql === 'SELECT count(*) AS n FROM incidents').length
    watch = watchDatabaseStatus({ hub, status, store, recoveredFrom: null, intervalMs: 60_000 })
    await store.sqlite.transaction((tx) => upsertIncidents(tx, cases(0, 2)))
    changed(['case-0'])
    await expect.poll(() => status.get().database.incidents).toBe(2)
    for (let i = 0; i < 20; i++) changed(['case-1'])
    await watch.stop()
    watch = null
    expect(reads()).toBe(1)
  })
})
