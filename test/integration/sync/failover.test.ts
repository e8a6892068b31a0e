import { fork, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEMO_TOKENS } from '@shared/protocol'
import { createCore, type Core } from '../../../src/main/core/core'
import type { RunningServer } from '../../../src/server/index'
import {
  CLIENT_MIGRATIONS,
  ROOT,
  closeQuietly,
  expectSameAsServer,
  perTestDirs,
  startTestServer,
  Traffic,
  until,
} from './fixtures/harness'

let first: ChildProcess | null = null
let second: RunningServer | null = null
let core: Core | null = null
const tempDir = perTestDirs(async () => {
  first?.kill('SIGKILL')
  first = null
  await closeQuietly(core, second)
})
const ctx = { origin: 'internal', readOnly: false } as const

/** A loopback port nobody listens on now (the second node's address, configured before it runs). */
async function freePort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const port = (probe.address() as { port: number }).port
  await new Promise((resolve) => probe.close(resolve))
  return port
}

/** The first node, in its own process so it can be SIGKILLed (fixtures/server-child.ts), seeded with reports. */
async function startFirstNode(dataDir: string, reports: number): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(path.join(ROOT, 'test/integration/sync/fixtures/server-child.ts'), [dataDir], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const next = (type: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`server child exited (${code})`)))
      const on = (m: unknown) => {
        const msg = m as Record<string, unknown>
        if (msg.type !== type) return
        child.off('message', on)
        resolve(msg)
      }
      child.on('message', on)
    })
  const ready = await next('ready')
  const seeded = next('seeded')
  child.send({ op: 'seed', reports, steps: 0 })
  await seeded
  return { child, url: String(ready.url) }
}

/**
 * A workstation configured with two addresses of one cluster loses the first node (SIGKILL) and
 * resumes from its cursor on the second: same serverId (the second node runs on the first one's
 * data folder — two live nodes over one SQLite store are not allowed; PostgreSQL nodes share one
 * store for real), no reset, nothing lost or doubled, the queued work delivered once.
 */
describe('failover across server addresses', () => {
  it('resumes from its cursor on the next address when the first node is killed', async () => {
    const [s, c] = await Promise.all([tempDir(), tempDir()])
    const portB = await freePort()
    const urlB = `http://127.0.0.1:${portB}`
    const a = await startFirstNode(s.dir, 60)
    first = a.child
    core = await createCore({
      dataDir: c.dir,
      migrationsFolder: CLIENT_MIGRATIONS,
      host: 'browser',
      version: 'test',
      server: { url: a.url, urls: [a.url, urlB], token: DEMO_TOKENS.operator.token },
      embeddedServer: false,
    })
    const ws = core
    await until(() => ws.status.get().connection === 'online' && ws.status.get().cursor === 60, 'caught up on A')
    expect(ws.status.get().serverUrl).toBe(a.url)
    const serverIdBefore = (await ws.store.sqlite.get('SELECT server_id FROM sync_state WHERE id = 1'))?.server_id

    a.child.kill('SIGKILL')
    first = null
    await until(() => ws.status.get().connection !== 'online', 'noticed the loss')

    // Work queued while no node answers.
    const ids = (await ws.store.sqlite.all('SELECT id FROM incidents ORDER BY id LIMIT 5')).map((r) => String(r.id))
    const issued: string[] = []
    for (const id of ids) {
      const r = await ws.registry.call(
        'commands.submit',
        { type: 'comment', incidentId: id, expectedVersion: null, payload: { text: '切换节点前的备注' } },
        ctx,
      )
      if (!r.ok) throw new Error(r.error.message)
      issued.push((r.value as { commandId: string }).commandId)
    }

    // The second node comes up on the same store (same serverId) at the other configured address.
    second = await startTestServer(s.dir, portB)
    const b = second
    expect(b.serverId).toBe(serverIdBefore)
    await new Traffic(b).report(10) // new work on B after the switch arrives too
    await until(
      () =>
        ws.status.get().connection === 'online' &&
        ws.status.get().pendingCommands === 0 &&
        ws.status.get().cursor === b.headSeq(),
      'resumed on B',
    )
    await ws.sync.engine?.settled()
    expect(ws.status.get().serverUrl).toBe(urlB)

    // Resumed, not reset: the cache still holds every event from seq 1 (a snapshot would have wiped them).
    const events = await ws.store.sqlite.get(
      'SELECT count(*) AS n, min(seq) AS lo, max(seq) AS hi FROM incident_events',
    )
    expect(events).toEqual({ n: b.headSeq(), lo: 1, hi: b.headSeq() })
    const applied = await ws.store.sqlite.all(
      `SELECT command_id FROM incident_events WHERE command_id IN (${issued.map(() => '?').join(',')}) ORDER BY seq`,
      issued,
    )
    expect(applied.map((r) => r.command_id)).toEqual(issued)
    expect(await expectSameAsServer(ws, b)).toEqual({ ok: true, diff: [] })
    expect((await b.verify()).ok).toBe(true)
  })
})
