import { describe, expect, it } from 'vitest'
import type { SyncStatus } from '@shared/contract'
import type { RunningServer } from '../../../src/server/index'
import type { Core } from '../../../src/main/core/core'
import { closeQuietly, startCore, startTestServer, perTestDirs, Traffic, until } from './fixtures/harness'

let server: RunningServer | null = null
let core: Core | null = null
const tempDir = perTestDirs(() => closeQuietly(core, server))
const ctx = { origin: 'internal', readOnly: false } as const

async function status(ws: Core): Promise<SyncStatus> {
  const r = await ws.registry.call('status.get', {}, ctx)
  if (!r.ok) throw new Error(r.error.message)
  return r.value as SyncStatus
}

/**
 * A seat restarted during an outage: its status still says when the outage began, and it tells the
 * operator which actions it found queued (issued before the restart, not yet acknowledged) and
 * sends them once the server is back.
 */
describe('restarting a seat during an outage', () => {
  it('keeps "offline since" and names the actions restored to the queue', async () => {
    const [s, c] = await Promise.all([tempDir(), tempDir()])
    server = await startTestServer(s.dir)
    const port = server.port
    const [id] = await new Traffic(server).report(1)
    core = await startCore(c.dir, server.url)
    const ws = core
    await until(() => ws.status.get().connection === 'online' && ws.status.get().cursor === 1, 'online')
    expect((await status(ws)).restoredQueue).toBeNull()

    // The outage begins; an action is queued.
    await server.close()
    server = null
    await until(() => ws.status.get().connection !== 'online', 'offline')
    const since = ws.status.get().offlineSince
    expect(since).not.toBeNull()
    const sent = await ws.registry.call(
      'commands.submit',
      { type: 'accept', incidentId: id!, expectedVersion: 1, payload: {} },
      ctx,
    )
    if (!sent.ok) throw new Error(sent.error.message)
    const commandId = (sent.value as { commandId: string }).commandId
    const code = String((await ws.store.sqlite.get('SELECT code FROM incidents WHERE id = ?', [id!]))?.code)

    // The seat restarts while the server is still down.
    await ws.close()
    core = await startCore(c.dir, `http://127.0.0.1:${port}`)
    const again = core
    const after = await status(again)
    expect(after.connection).not.toBe('online')
    expect(after.offlineSince).toBe(since)
    expect(after.restoredQueue).toMatchObject({
      count: 1,
      actions: [{ commandId, type: 'accept', incidentId: id, incidentCode: code }],
    })
    expect(after.pendingCommands).toBe(1)

    // The server returns: the restored action is delivered once; the outage is over.
    server = await startTestServer(s.dir, port)
    const back = server
    await until(
      () =>
        again.status.get().connection === 'online' &&
        again.status.get().pendingCommands === 0 &&
        again.status.get().cursor === back.headSeq(),
      'delivered',
    )
    expect(back.incident(id!)).toMatchObject({ status: 'accepted', version: 2 })
    expect(again.status.get().offlineSince).toBeNull()
    expect(
      await again.store.sqlite.all('SELECT seq FROM incident_events WHERE command_id = ?', [commandId]),
    ).toHaveLength(1)
    // A later restart with the link up, after a clean run, has nothing restored and no old outage.
    await again.close()
    const restartAt = Date.now()
    core = await startCore(c.dir, back.url)
    const third = await status(core)
    expect(third.restoredQueue).toBeNull()
    if (third.offlineSince !== null) expect(third.offlineSince).toBeGreaterThanOrEqual(restartAt)
  })
})
