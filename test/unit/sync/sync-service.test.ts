import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Principal } from '@shared/domain'
import { PushHub } from '../../../src/main/core/push-hub'
import type { StatusBoard } from '../../../src/main/core/status-board'
import { upsertIncidents } from '../../../src/main/core/store/incident-rows'
import type { Store } from '../../../src/main/core/store/open-store'
import { SyncService } from '../../../src/main/core/sync/sync-service'
import { baseIncident } from '../../support/incident'
import { blankStatusBoard, tempStore } from './helpers'

const OP: Principal = { actorId: 'op-1', name: '值班员', role: 'operator', towns: '*' }
const DAY = 86_400_000

let store: Store
let cleanup: () => Promise<void>
let hub: PushHub
let status: StatusBoard
beforeEach(async () => {
  ;({ store, cleanup } = await tempStore())
  hub = new PushHub()
  status = blankStatusBoard(hub)
})
afterEach(async () => {
  status.dispose()
  await cleanup()
})

async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((r) => setTimeout(r, 10))
}

describe('the sync service without a server', () => {
  it('starts from what the store holds: cursor, data age, operator, quarantine, pending and conflicts', async () => {
    await store.sqlite.run(
      `INSERT INTO sync_state (id, cursor, newest_event_at, principal, resetting, updated_at) VALUES (1, 77, 1234, ?, 0, 0)`,
      [JSON.stringify(OP)],
    )
    await store.sqlite.run(
      "INSERT INTO quarantine (seq, incident_id, reason, raw, source, received_at) VALUES (5, 'x', 'bad', '{}', 'live', 0)",
    )
    const service = new SyncService({ sqlite: store.sqlite, hub, status, access: null })
    expect(service.engine).toBeNull()
    await service.outbox.submit({ type: 'comment', incidentId: 'a', expectedVersion: null, payload: { text: 'x' } }, OP)
    const b = await service.outbox.submit(
      { type: 'comment', incidentId: 'b', expectedVersion: null, payload: { text: 'y' } },
      OP,
    )
    await service.outbox.settle(
      (await service.outbox.entries()).find((e) => e.command.commandId === b.commandId)!,
      {
        status: 'rejected',
        code: 'not_found',
        message: 'gone',
        currentVersion: null,
      },
    )
    await service.start()
    try {
      expect(status.get()).toMatchObject({
        cursor: 77,
        newestEventAt: 1234,
        operator: OP,
        quarantined: 1,
        pendingCommands: 1,
        conflicts: 1,
        connection: 'offline',
      })
      await service.reference.save({
        version: 'r1',
        towns: [],
        grids: [],
        departments: [],
        teams: [],
        workers: [],
      })
      // A restart reads the reference data it stored.
      const again = new SyncService({ sqlite: store.sqlite, hub, status, access: null })
      await again.start()
      expect(again.reference.get()?.version).toBe('r1')
      await again.stop()
    } finally {
      await service.stop()
    }
  })

  it('tells the windows when a queued command settles, and recounts', async () => {
    const service = new SyncService({ sqlite: store.sqlite, hub, status, access: null })
    await service.start()
    const notices: unknown[] = []
    hub.subscribe((name, payload) => name === 'changes' && notices.push(payload))
    try {
      await service.outbox.submit(
        { type: 'comment', incidentId: 'inc-9', expectedVersion: null, payload: { text: 'x' } },
        OP,
      )
      await service.refreshCounts()
      expect(status.get().pendingCommands).toBe(1)
      status.update({ cursor: 12 })
      service.sender.setTransport(async () => ({
        status: 'rejected',
        code: 'invalid_transition',
        message: 'no',
        currentVersion: 3,
      }))
      await until(() => status.get().conflicts === 1)
      expect(status.get().pendingCommands).toBe(0)
      expect(notices).toContainEqual({ incidentIds: ['inc-9'], all: false, conflictsChanged: true, cursor: 12 })
    } finally {
      await service.stop()
    }
  })

  it('prunes finished cases past the kept days on its own, and keeps open ones', async () => {
    const old = Date.now() - 5 * DAY
    await store.sqlite.transaction((tx) =>
      upsertIncidents(tx, [
        baseIncident({ id: 'done', code: 'ZS-1', status: 'closed', updatedAt: old, closedAt: old }),
        baseIncident({ id: 'open', code: 'ZS-2', status: 'dispatched', updatedAt: old }),
      ]),
    )
    const service = new SyncService({
      sqlite: store.sqlite,
      hub,
      status,
      access: null,
      keepClosedDays: 1,
      pruneEveryMs: 20,
    })
    await service.start()
    try {
      await until(
        async () => Number((await store.sqlite.get("SELECT count(*) AS n FROM incidents WHERE id = 'done'"))?.n) === 0,
      )
      expect((await store.sqlite.all('SELECT id FROM incidents')).map((r) => r.id)).toEqual(['open'])
    } finally {
      await service.stop()
    }
  })
})
