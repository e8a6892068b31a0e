import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Principal } from '@shared/domain'
import type { StatusBoard } from '../../../src/main/core/status-board'
import { upsertIncidents } from '../../../src/main/core/store/incident-rows'
import type { Store } from '../../../src/main/core/store/open-store'
import { keepOfflineSince, readOfflineSince } from '../../../src/main/core/sync/offline-mark'
import { Outbox } from '../../../src/main/core/sync/outbox'
import { RESTORED_LISTED, restoredQueue } from '../../../src/main/core/sync/restored-queue'
import { baseIncident } from '../../support/incident'
import { blankStatusBoard, tempStore } from './helpers'

const OP: Principal = { actorId: 'op-1', name: '值班员', role: 'operator', towns: '*' }

let store: Store
let cleanup: () => Promise<void>
const boards: StatusBoard[] = []
const board = () => {
  const b = blankStatusBoard()
  boards.push(b)
  return b
}
beforeEach(async () => ({ store, cleanup } = await tempStore()))
afterEach(async () => {
  for (const b of boards.splice(0)) b.dispose()
  await cleanup()
})

describe('offline since, across a restart', () => {
  it('a restart during an outage shows when the outage began, not the restart', async () => {
    const first = board()
    const mark = await keepOfflineSince(store.sqlite, first)
    first.update({ connection: 'online' })
    first.update({ connection: 'offline', offlineSince: 1_000_000 })
    first.update({ connection: 'connecting' }) // retrying is still the same outage
    await mark.stop()
    expect(await readOfflineSince(store.sqlite)).toBe(1_000_000)

    const second = board() // the restart: a new board starts "offline since now"
    expect(second.get().offlineSince).toBeGreaterThan(1_000_000)
    const again = await keepOfflineSince(store.sqlite, second)
    expect(second.get().offlineSince).toBe(1_000_000)
    // The link returns: the outage is over, in the store too.
    second.update({ connection: 'catching_up' })
    expect(second.get().offlineSince).toBeNull()
    await again.stop()
    expect(await readOfflineSince(store.sqlite)).toBeNull()
  })

  it('a restart after a clean run starts a new "offline since" at the restart', async () => {
    const first = board()
    const mark = await keepOfflineSince(store.sqlite, first)
    first.update({ connection: 'online' })
    await mark.stop()
    first.update({ connection: 'offline' }) // the shutdown itself is not an outage
    expect(await readOfflineSince(store.sqlite)).toBeNull()
    const before = Date.now()
    const second = board()
    const again = await keepOfflineSince(store.sqlite, second)
    expect(second.get().offlineSince).toBeGreaterThanOrEqual(before)
    await again.stop()
  })

  it('ignores an unreadable stored value', async () => {
    await store.sqlite.run("INSERT INTO settings (key, value, updated_at) VALUES ('offline_since', 'soon', 0)")
    expect(await readOfflineSince(store.sqlite)).toBeNull()
    const b = board()
    const mark = await keepOfflineSince(store.sqlite, b)
    expect(b.get().offlineSince).not.toBeNull()
    await mark.stop()
  })
})

describe('actions restored to the queue at start', () => {
  it('names what is still queued, oldest first, with the case code the cache knows, and audits it once', async () => {
    expect(await restoredQueue(store.sqlite)).toBeNull()
    await store.sqlite.transaction((tx) =>
      upsertIncidents(tx, [baseIncident({ id: 'inc-1', code: 'ZS-260601-000001' })]),
    )
    const outbox = new Outbox(store.sqlite, () => 5000)
    const a = await outbox.submit({ type: 'accept', incidentId: 'inc-1', expectedVersion: 1, payload: {} }, OP)
    const b = await outbox.submit(
      { type: 'comment', incidentId: 'inc-2', expectedVersion: null, payload: { text: '备注' } },
      OP,
    )
    const r = await restoredQueue(store.sqlite, 9000)
    expect(r?.count).toBe(2)
    expect(r?.at).toBe(9000)
    expect(r?.actions.map((x) => [x.commandId, x.type, x.incidentId, x.issuedAt])).toEqual([
      [a.commandId, 'accept', 'inc-1', 5000],
      [b.commandId, 'comment', 'inc-2', 5000],
    ])
    expect(r?.actions.map((x) => x.incidentCode)).toEqual(['ZS-260601-000001', null])
    const audit = await store.sqlite.all("SELECT detail FROM action_audit WHERE action = 'queue_restored'")
    expect(audit).toHaveLength(1)
    expect(JSON.parse(String(audit[0]?.detail))).toEqual({ count: 2, commandIds: [a.commandId, b.commandId] })
  })

  it('lists at most RESTORED_LISTED and counts them all', async () => {
    const outbox = new Outbox(store.sqlite)
    for (let i = 0; i < RESTORED_LISTED + 5; i++)
      await outbox.submit({ type: 'comment', incidentId: `i-${i}`, expectedVersion: null, payload: { text: 'x' } }, OP)
    const r = await restoredQueue(store.sqlite)
    expect(r?.count).toBe(RESTORED_LISTED + 5)
    expect(r?.actions).toHaveLength(RESTORED_LISTED)
  })
})
