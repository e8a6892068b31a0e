import { describe, expect, it } from 'vitest'
import { DEMO_TOKENS } from '@shared/protocol'
import type { Conflict } from '@shared/contract'
import type { RunningServer } from '../../../src/server/index'
import type { Core } from '../../../src/main/core/core'
import {
  cacheRows,
  closeQuietly,
  expectSameAsServer,
  startCore,
  startTestServer,
  perTestDirs,
  Traffic,
  until,
} from './fixtures/harness'
import { LinkProxy } from './fixtures/link-proxy'

let server: RunningServer | null = null
let a: Core | null = null
let b: Core | null = null
let proxy: LinkProxy | null = null
const tempDir = perTestDirs(() => closeQuietly(a, b, proxy, server))
const ctx = { origin: 'internal', readOnly: false } as const

async function submit(core: Core, args: Record<string, unknown>): Promise<string> {
  const r = await core.registry.call('commands.submit', args, ctx)
  if (!r.ok) throw new Error(r.error.message)
  return (r.value as { commandId: string }).commandId
}

describe('conflict', () => {
  it('turns the offline loser into a conflict, lets later commands through, and converges', async () => {
    const dirs = await Promise.all([tempDir(), tempDir(), tempDir()])
    server = await startTestServer(dirs[0]!.dir)
    const srv = server
    const [x, y] = await new Traffic(srv).report(2)
    proxy = new LinkProxy(srv.port)
    await proxy.open()
    a = await startCore(dirs[1]!.dir, proxy.url, DEMO_TOKENS.operator.token)
    b = await startCore(dirs[2]!.dir, srv.url, DEMO_TOKENS.supervisor.token)
    const wsA = a
    const wsB = b
    await until(() =>
      [wsA, wsB].every((w) => w.status.get().cursor === srv.headSeq() && w.status.get().connection === 'online'),
    )

    await proxy.cut()
    await until(() => wsA.status.get().connection !== 'online')
    // A, offline: accept X, comment on X against its own overlay, and comment on Y.
    const acceptX = await submit(wsA, { type: 'accept', incidentId: x, expectedVersion: 1, payload: {} })
    const commentX = await submit(wsA, {
      type: 'comment',
      incidentId: x,
      expectedVersion: 2,
      payload: { text: 'A 的备注' },
    })
    const commentY = await submit(wsA, {
      type: 'comment',
      incidentId: y,
      expectedVersion: 1,
      payload: { text: '仍然有效' },
    })
    // B, online, gets there first: rejects X as invalid and notes why.
    await submit(wsB, { type: 'reject', incidentId: x, expectedVersion: 1, payload: { reason: '重复上报' } })
    await submit(wsB, { type: 'comment', incidentId: x, expectedVersion: 2, payload: { text: '已与 B 核实' } })
    await until(() => srv.incident(x!)?.version === 3)

    await proxy.open()
    await until(
      () =>
        wsA.status.get().pendingCommands === 0 &&
        wsA.status.get().cursor === srv.headSeq() &&
        wsA.status.get().connection === 'online',
    )
    const listed = await wsA.registry.call('conflicts.list', {}, ctx)
    if (!listed.ok) throw new Error(listed.error.message)
    const conflicts = listed.value as Conflict[]
    expect(conflicts.map((c) => c.commandId).sort()).toEqual([acceptX, commentX].sort())
    expect(conflicts.every((c) => c.code === 'stale_version')).toBe(true)
    expect(wsA.status.get().conflicts).toBe(2)
    // The command behind the losers went through.
    const yEvents = await wsA.store.sqlite.all(
      'SELECT command_id FROM incident_events WHERE incident_id = ? ORDER BY seq',
      [y!],
    )
    expect(yEvents.map((e) => e.command_id)).toContain(commentY)

    // Redo the comment against X's current version; dismiss the accept.
    const redoOf = conflicts.find((c) => c.commandId === commentX)!
    const redo = await wsA.registry.call('conflicts.redo', { id: redoOf.id }, ctx)
    expect(redo.ok).toBe(true)
    const dismissed = await wsA.registry.call(
      'conflicts.dismiss',
      { id: conflicts.find((c) => c.commandId === acceptX)!.id },
      ctx,
    )
    expect(dismissed.ok && dismissed.value).toEqual({ dismissed: true })
    await until(
      () =>
        wsA.status.get().pendingCommands === 0 && wsA.status.get().conflicts === 0 && srv.incident(x!)?.version === 4,
    )
    await until(() => [wsA, wsB].every((w) => w.status.get().cursor === srv.headSeq()))

    expect(await expectSameAsServer(wsA, srv)).toEqual({ ok: true, diff: [] })
    expect(await expectSameAsServer(wsB, srv)).toEqual({ ok: true, diff: [] })
    expect([...(await cacheRows(wsA)).values()]).toEqual([...(await cacheRows(wsB)).values()])
    const audit = await wsA.store.sqlite.all(
      "SELECT action FROM action_audit WHERE action IN ('rejected', 'redo', 'dismiss')",
    )
    expect(audit.map((r) => r.action).sort()).toEqual(['dismiss', 'redo', 'rejected', 'rejected'])
  })
})
