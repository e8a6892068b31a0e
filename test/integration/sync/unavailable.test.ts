import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { SqliteDatabase } from '@infra/sqlite'
import type { RunningServer } from '../../../src/server/index'
import { STORE_FILE } from '../../../src/server/db/open'
import type { Core } from '../../../src/main/core/core'
import { closeQuietly, startCore, startTestServer, perTestDirs, Traffic, until } from './fixtures/harness'

let server: RunningServer | null = null
let core: Core | null = null
let disk: SqliteDatabase | null = null
const tempDir = perTestDirs(async () => {
  await disk?.close().catch(() => undefined)
  disk = null
  await closeQuietly(core, server)
})
const ctx = { origin: 'internal', readOnly: false } as const

/**
 * `unavailable` is transient by the protocol (the store could not write): the workstation keeps the
 * command at the head of its queue and resends it, instead of turning it into a conflict.
 */
describe('a command answered unavailable', () => {
  it('is resent while the server store refuses writes, and applied exactly once when it recovers', async () => {
    const [s, c] = await Promise.all([tempDir(), tempDir()])
    server = await startTestServer(s.dir)
    const srv = server
    const [id] = await new Traffic(srv).report(1)
    core = await startCore(c.dir, srv.url)
    const ws = core
    await until(() => ws.status.get().connection === 'online' && ws.status.get().cursor === srv.headSeq())

    // The test's hand on the server's disk: every accept fails to write (as a full disk would).
    disk = await SqliteDatabase.open(path.join(s.dir, STORE_FILE))
    await disk.exec(
      `CREATE TRIGGER refuse BEFORE INSERT ON events WHEN NEW.type = 'accept' BEGIN SELECT RAISE(ABORT, 'disk full'); END`,
    )
    const sent = await ws.registry.call(
      'commands.submit',
      { type: 'accept', incidentId: id!, expectedVersion: 1, payload: {} },
      ctx,
    )
    if (!sent.ok) throw new Error(sent.error.message)
    const commandId = (sent.value as { commandId: string }).commandId

    // Refused at least twice, still queued, never a conflict (a conflict would take it off the queue).
    await until(async () => {
      const row = await ws.store.sqlite.get('SELECT attempts FROM outbox WHERE command_id = ?', [commandId])
      return !row || Number(row.attempts) >= 2
    }, 'two refused attempts')
    const queued = await ws.store.sqlite.get('SELECT last_error FROM outbox WHERE command_id = ?', [commandId])
    expect(String(queued?.last_error)).toMatch(/^unavailable: /)
    expect(ws.status.get().pendingCommands).toBe(1)
    const conflicts = await ws.registry.call('conflicts.list', {}, ctx)
    expect(conflicts.ok && conflicts.value).toEqual([])
    expect(srv.incident(id!)).toMatchObject({ status: 'reported', version: 1 })

    // The disk recovers: the same command goes through, once.
    await disk.exec('DROP TRIGGER refuse')
    await until(() => srv.incident(id!)?.status === 'accepted', 'accepted on the server')
    await until(
      () => ws.status.get().pendingCommands === 0 && ws.status.get().cursor === srv.headSeq(),
      'queue drained',
    )
    expect(srv.incident(id!)).toMatchObject({ status: 'accepted', version: 2 })
    const applied = await ws.store.sqlite.all('SELECT seq FROM incident_events WHERE command_id = ?', [commandId])
    expect(applied).toHaveLength(1)
    const after = await ws.registry.call('conflicts.list', {}, ctx)
    expect(after.ok && after.value).toEqual([])
    expect((await srv.verify()).ok).toBe(true)
  })
})
