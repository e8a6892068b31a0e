import { readdir, stat, truncate, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { SqliteDatabase } from '@infra/sqlite'
import type { RunningServer } from '../../../src/server/index'
import type { Core } from '../../../src/main/core/core'
import { STORE_FILE } from '../../../src/main/core/store/open-store'
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
let core: Core | null = null
const tempDir = perTestDirs(() => closeQuietly(core, server))
const ctx = { origin: 'internal', readOnly: false } as const

async function synced(dir: string, srv: RunningServer): Promise<Core> {
  const ws = await startCore(dir, srv.url)
  await until(() => ws.status.get().cursor === srv.headSeq() && ws.status.get().connection === 'online')
  return ws
}

async function setup(): Promise<{ srv: RunningServer; dir: string; ids: string[] }> {
  const [s, c] = await Promise.all([tempDir(), tempDir()])
  server = await startTestServer(s.dir)
  const traffic = new Traffic(server)
  const ids = await traffic.report(2000)
  await traffic.steps(6000)
  return { srv: server, dir: c.dir, ids }
}

describe('damaged database file', () => {
  it('truncated: moved aside, rebuilt from the server, pending commands carried over', async () => {
    const { srv, dir, ids } = await setup()
    core = await synced(dir, srv)
    await core.close()
    // Offline, an operator queues a command; then the file gets cut short (disk trouble, a bad copy).
    core = await startCore(dir, null)
    const sent = await core.registry.call(
      'commands.submit',
      { type: 'comment', incidentId: ids[0], expectedVersion: null, payload: { text: '保留' } },
      ctx,
    )
    if (!sent.ok) throw new Error(sent.error.message)
    const commandId = (sent.value as { commandId: string }).commandId
    await core.store.sqlite.exec('PRAGMA wal_checkpoint(TRUNCATE)')
    await core.close()
    const file = path.join(dir, STORE_FILE)
    await truncate(file, Math.floor((await stat(file)).size * 0.7))

    core = await synced(dir, srv)
    const ws = core
    expect(ws.status.get().database.recoveredFrom).toMatch(/\.damaged-/)
    const info = await ws.registry.call('status.get', {}, ctx)
    expect(info.ok && (info.value as { database: { recoveredFrom: string } }).database.recoveredFrom).toMatch(
      /\.damaged-/,
    )
    await until(async () => ws.status.get().pendingCommands === 0 && ws.status.get().cursor === srv.headSeq())
    const applied = await ws.store.sqlite.get('SELECT count(*) AS n FROM incident_events WHERE command_id = ?', [
      commandId,
    ])
    expect(applied?.n).toBe(1)
    await until(async () => (await expectSameAsServer(ws, srv)).ok)
    expect((await readdir(dir)).some((n) => n.startsWith(`${STORE_FILE}.damaged-`))).toBe(true)
  })

  it('not SQLite at all: moved aside and rebuilt', async () => {
    const { srv, dir } = await setup()
    await writeFile(path.join(dir, STORE_FILE), Buffer.alloc(64 * 1024, 0x5a))
    core = await synced(dir, srv)
    expect(core.status.get().database.recoveredFrom).toMatch(/\.damaged-/)
    expect(await expectSameAsServer(core, srv)).toEqual({ ok: true, diff: [] })
  })

  it('wrong schema: moved aside and rebuilt', async () => {
    const { srv, dir } = await setup()
    const other = await SqliteDatabase.open(path.join(dir, STORE_FILE))
    await other.exec('CREATE TABLE incidents (id TEXT PRIMARY KEY, colour TEXT); INSERT INTO incidents VALUES (1, 2);')
    await other.close()
    core = await synced(dir, srv)
    expect(core.status.get().database.recoveredFrom).toMatch(/\.damaged-/)
    expect(await expectSameAsServer(core, srv)).toEqual({ ok: true, diff: [] })
  })
})
