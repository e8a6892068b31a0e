import { describe, expect, it } from 'vitest'
import type { RunningServer } from '../../../src/server/index'
import type { Core } from '../../../src/main/core/core'
import {
  closeQuietly,
  expectSameAsServer,
  startCore,
  startTestServer,
  perTestDirs,
  Traffic,
  until,
} from './fixtures/harness'

let server: RunningServer | null = null
const seats: Core[] = []
const tempDir = perTestDirs(async () => {
  await closeQuietly(...seats.splice(0), server)
})
const ctx = { origin: 'internal', readOnly: false } as const

/**
 * A command room of three seats rides out a server outage (each queues work meanwhile) and
 * converges when the server returns: every seat online, caught up to one head, its queued action
 * delivered once, its cache equal to the server. How fast is measured in bench/sync-reconnect.ts
 * (no timing assertions here; the test timeout only guards against a hang).
 */
describe('a 3-seat room after the link returns', () => {
  it('converges: every seat online, at the same head, queued work applied once', async () => {
    const s = await tempDir()
    server = await startTestServer(s.dir)
    const port = server.port
    const traffic = new Traffic(server)
    const ids = await traffic.report(30)
    for (let i = 0; i < 3; i++) seats.push(await startCore((await tempDir()).dir, server.url))
    const first = server
    await until(() => seats.every((c) => c.status.get().connection === 'online' && c.status.get().cursor === 30))

    await first.close()
    server = null
    await until(() => seats.every((c) => c.status.get().connection !== 'online'), 'all offline')
    const issued: string[] = []
    for (const [i, seat] of seats.entries()) {
      const r = await seat.registry.call(
        'commands.submit',
        { type: 'comment', incidentId: ids[i]!, expectedVersion: null, payload: { text: `席位 ${i + 1} 离线备注` } },
        ctx,
      )
      if (!r.ok) throw new Error(r.error.message)
      issued.push((r.value as { commandId: string }).commandId)
    }

    server = await startTestServer(s.dir, port)
    const back = server
    await new Traffic(back).report(20)
    await until(
      () =>
        seats.every(
          (c) =>
            c.status.get().connection === 'online' &&
            c.status.get().pendingCommands === 0 &&
            c.status.get().cursor === back.headSeq(),
        ),
      'room converged',
    )
    expect(back.headSeq()).toBe(30 + 3 + 20)
    for (const seat of seats) {
      await seat.sync.engine?.settled()
      expect(seat.status.get().offlineSince).toBeNull()
      const applied = await seat.store.sqlite.all(
        `SELECT command_id FROM incident_events WHERE command_id IN (${issued.map(() => '?').join(',')})`,
        issued,
      )
      expect(applied.map((r) => r.command_id).sort()).toEqual([...issued].sort())
      expect(await expectSameAsServer(seat, back)).toEqual({ ok: true, diff: [] })
    }
    expect((await back.verify()).ok).toBe(true)
  }, 60_000)
})
