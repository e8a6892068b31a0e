import { describe, expect, it } from 'vitest'
import type { RunningServer } from '../../../src/server/index'
import type { Core } from '../../../src/main/core/core'
import type { IncidentView } from '@shared/contract'
import {
  setDebugState,
  closeQuietly,
  expectSameAsServer,
  startCore,
  startTestServer,
  perTestDirs,
  Traffic,
  until,
} from './fixtures/harness'

let server: RunningServer | null = null
let core: Core | null = null
const tempDir = perTestDirs(() => closeQuietly(core, server))
const ctx = { origin: 'internal', readOnly: false } as const

describe('outage', () => {
  it('keeps working offline: 50 commands applied exactly once, in order, cache equal to the server', async () => {
    const s = await tempDir()
    const c = await tempDir()
    server = await startTestServer(s.dir)
    const port = server.port
    const traffic = new Traffic(server)
    const quiet = new Traffic(server)
    await traffic.report(200)
    const quietIds = await quiet.report(25)
    core = await startCore(c.dir, server.url)
    const ws = core
    setDebugState(() => ({ ...ws.status.get(), database: undefined, head: server?.headSeq() }))
    await until(() => ws.status.get().cursor === server!.headSeq() && ws.status.get().connection === 'online', 'step 1')

    // Stop the server while traffic is streaming.
    const streaming = traffic.steps(5000, 100).catch(() => undefined)
    await until(() => ws.status.get().cursor > 300, 'step 2')
    await server.close()
    await streaming
    await until(() => ws.status.get().connection !== 'online', 'step 3')
    expect(ws.status.get().offlineSince).not.toBeNull()

    // 50 operator actions while offline: accept each quiet case, then comment on it against the overlaid version.
    const issued: string[] = []
    for (const id of quietIds) {
      const a = await ws.registry.call(
        'commands.submit',
        { type: 'accept', incidentId: id, expectedVersion: 1, payload: {} },
        ctx,
      )
      if (!a.ok) throw new Error(a.error.message)
      issued.push((a.value as { commandId: string }).commandId)
      const view = await ws.registry.call('incidents.list', { filter: { ids: [id] } }, ctx)
      if (!view.ok) throw new Error(view.error.message)
      const row = (view.value as { rows: IncidentView[] }).rows[0]!
      expect(row.status).toBe('accepted') // optimistic overlay, shown at once
      expect(row.pending).toEqual(['accept'])
      const b = await ws.registry.call(
        'commands.submit',
        { type: 'comment', incidentId: id, expectedVersion: row.version, payload: { text: '离线备注' } },
        ctx,
      )
      if (!b.ok) throw new Error(b.error.message)
      issued.push((b.value as { commandId: string }).commandId)
    }
    const pending = await ws.registry.call('commands.pending', {}, ctx)
    expect(pending.ok && (pending.value as unknown[]).length).toBe(50)
    await until(() => ws.status.get().pendingCommands === 50, 'step 4')

    // The server comes back on the same address.
    server = await startTestServer(s.dir, port)
    const back = server
    await until(
      async () =>
        ws.status.get().pendingCommands === 0 &&
        ws.status.get().cursor === back.headSeq() &&
        ws.status.get().connection === 'online',
      'step 5',
    )
    await ws.sync.engine?.settled()
    await until(async () => Number((await ws.store.sqlite.get('SELECT count(*) AS n FROM outbox'))?.n) === 0)

    const applied = await ws.store.sqlite.all(
      `SELECT command_id FROM incident_events WHERE command_id IN (${issued.map(() => '?').join(',')}) ORDER BY seq`,
      issued,
    )
    expect(applied.map((r) => r.command_id)).toEqual(issued)
    const conflicts = await ws.registry.call('conflicts.list', {}, ctx)
    expect(conflicts.ok && conflicts.value).toEqual([])
    expect(await expectSameAsServer(ws, back)).toEqual({ ok: true, diff: [] })
    const seqs = await ws.store.sqlite.get('SELECT count(*) AS n, min(seq) AS lo, max(seq) AS hi FROM incident_events')
    expect(seqs).toEqual({ n: back.headSeq(), lo: 1, hi: back.headSeq() })
    expect((await back.verify()).ok).toBe(true)
  })
})
