import { describe, expect, it } from 'vitest'
import { DEMO_TOKENS } from '@shared/protocol'
import type { RunningServer } from '../../../src/server/index'
import type { Core } from '../../../src/main/core/core'
import { closeQuietly, perTestDirs, startCore, startTestServer, Traffic, until } from './fixtures/harness'

let server: RunningServer | null = null
let core: Core | null = null
const tempDir = perTestDirs(() => closeQuietly(core, server))
const ctx = { origin: 'internal', readOnly: false } as const

describe('a duplicate reply', () => {
  it('settles the command as done with the original seq: no conflict, audited as a duplicate, applied once', async () => {
    const [s, c] = await Promise.all([tempDir(), tempDir()])
    server = await startTestServer(s.dir)
    const srv = server
    const [id] = await new Traffic(srv).report(3)
    // Synced once, so the workstation knows who it acts for.
    core = await startCore(c.dir, srv.url)
    const first = core
    await until(() => first.status.get().cursor === srv.headSeq() && first.status.get().connection === 'online')
    await core.close()

    // Offline, the operator comments; the command waits in the outbox.
    core = await startCore(c.dir, null)
    const sent = await core.registry.call(
      'commands.submit',
      { type: 'comment', incidentId: id, expectedVersion: null, payload: { text: '回执丢失的备注' } },
      ctx,
    )
    if (!sent.ok) throw new Error(sent.error.message)
    const queued = await core.sync.outbox.head()
    expect(queued?.command.commandId).toBe((sent.value as { commandId: string }).commandId)
    await core.close()
    // The server got it once already (the reply was lost on the way back, say): it is in the log.
    const original = await srv.submit(queued!.command, DEMO_TOKENS.operator.principal, 'ws-lost-ack')
    if (original.status !== 'applied') throw new Error(JSON.stringify(original))

    core = await startCore(c.dir, srv.url)
    const ws = core
    await until(
      () =>
        ws.status.get().pendingCommands === 0 &&
        ws.status.get().cursor === srv.headSeq() &&
        ws.status.get().connection === 'online',
    )
    await until(async () => Number((await ws.store.sqlite.get('SELECT count(*) AS n FROM outbox'))?.n) === 0)

    const conflicts = await ws.registry.call('conflicts.list', {}, ctx)
    expect(conflicts.ok && conflicts.value).toEqual([])
    expect(ws.status.get().conflicts).toBe(0)
    const audit = await ws.store.sqlite.all(
      "SELECT action, detail FROM action_audit WHERE command_id = ? AND action <> 'submit'",
      [queued!.command.commandId],
    )
    expect(audit).toEqual([{ action: 'duplicate', detail: JSON.stringify({ seq: original.seq }) }])
    const events = await ws.store.sqlite.all('SELECT seq FROM incident_events WHERE command_id = ?', [
      queued!.command.commandId,
    ])
    expect(events).toEqual([{ seq: original.seq }])
    expect(srv.incident(id!)?.version).toBe(2)
  })
})
