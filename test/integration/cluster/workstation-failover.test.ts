import { fork, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DEMO_TOKENS } from '@shared/protocol'
import { createCore, type Core } from '../../../src/main/core/core'
import type { RunningServer } from '../../../src/server/index'
import { freshDatabase } from '../../support/test-store'
import { signInThrough, startAuthServer } from '../session/fixtures'
import { CLIENT_MIGRATIONS, ROOT, closeQuietly, expectSameAsServer, until } from '../sync/fixtures/harness'
import { tempDir } from '../server/helpers'

let first: ChildProcess | null = null
let second: RunningServer | null = null
let core: Core | null = null
const dirs: ReturnType<typeof tempDir>[] = []
afterEach(async () => {
  first?.kill('SIGKILL')
  first = null
  await closeQuietly(core, second)
  core = null
  second = null
  dirs.splice(0).forEach((d) => d.remove())
})

const ctx = { origin: 'internal', readOnly: false } as const

interface Ready {
  readonly url: string
  readonly username: string
  readonly password: string
  readonly enrolCode: string
}

/** Node A in its own process (so it can be SIGKILLed), on the cluster's PostgreSQL store. */
function startNodeA(
  dataDir: string,
  store: string,
): { child: ChildProcess; next: (type: string) => Promise<Record<string, unknown>> } {
  const child = fork(path.join(ROOT, 'test/integration/sync/fixtures/server-child.ts'), [dataDir, store], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const next = (type: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const exited = (code: number | null) => reject(new Error(`node A exited (${code})`))
      child.once('exit', exited)
      const on = (m: unknown) => {
        const msg = m as Record<string, unknown>
        if (msg.type !== type) return
        child.off('message', on)
        child.off('exit', exited)
        resolve(msg)
      }
      child.on('message', on)
    })
  return { child, next }
}

/**
 * Two server nodes on one PostgreSQL store and a workstation configured with both addresses,
 * signed in on A. A is SIGKILLed while it takes traffic and the seat has work queued: the seat
 * carries on at B with the same session (no new sign-in) and its cursor (no reset), its queued
 * work is applied exactly once, and the log verifies.
 */
describe('a workstation fails over between real PostgreSQL nodes', () => {
  it('keeps its session and cursor on node B when node A is killed mid-traffic', async () => {
    const store = await freshDatabase()
    const [dirA, dirB, dirC] = [tempDir(), tempDir(), tempDir()]
    dirs.push(dirA, dirB, dirC)
    // B first: it migrates the store; A then finds it ready.
    second = await startAuthServer(dirB.dir, { store })
    const b = second
    const a = startNodeA(dirA.dir, store)
    first = a.child
    const ready = (await a.next('ready')) as unknown as Ready
    const seeded = a.next('seeded')
    a.child.send({ op: 'seed', reports: 40, steps: 0 })
    await seeded

    core = await createCore({
      dataDir: dirC.dir,
      migrationsFolder: CLIENT_MIGRATIONS,
      host: 'browser',
      version: 'test',
      server: { url: ready.url, urls: [ready.url, b.url] },
      embeddedServer: false,
      enrolCode: () => Promise.resolve(ready.enrolCode),
    })
    const ws = core
    await signInThrough(ws, DEMO_TOKENS.operator.principal, ready.password)
    await until(() => ws.status.get().connection === 'online' && ws.status.get().cursor >= 40, 'online on A')
    expect(ws.status.get().serverUrl).toBe(ready.url)
    const operator = ws.status.get().operator

    // Traffic on A; the seat comments while it runs, and A dies in the middle of it.
    a.child.send({ op: 'traffic', rate: 40, seconds: 30 })
    await until(() => ws.status.get().cursor >= 60, 'following A’s traffic')
    const ids = (await ws.store.sqlite.all('SELECT id FROM incidents ORDER BY id LIMIT 6')).map((r) => String(r.id))
    const issued: string[] = []
    const comment = async (id: string, text: string) => {
      const r = await ws.registry.call(
        'commands.submit',
        { type: 'comment', incidentId: id, expectedVersion: null, payload: { text } },
        ctx,
      )
      if (!r.ok) throw new Error(r.error.message)
      issued.push((r.value as { commandId: string }).commandId)
    }
    for (const id of ids.slice(0, 3)) await comment(id, '节点切换前的备注')
    a.child.kill('SIGKILL')
    first = null
    for (const id of ids.slice(3)) await comment(id, '节点切换中的备注')

    await until(() => ws.status.get().connection === 'online' && ws.status.get().serverUrl === b.url, 'moved to B')
    await until(
      () => ws.status.get().pendingCommands === 0 && ws.status.get().cursor === b.headSeq(),
      'current on B with nothing queued',
    )
    await ws.sync.engine?.settled()
    // Same person, same session: no sign-in screen on the way.
    expect(ws.status.get().operator).toEqual(operator)
    expect((await ws.session?.view())?.phase).toBe('signed_in')
    const signIns = (await b.admin.audit(100, ['sign_in'])).filter((r) => r.accountId === ready.username)
    expect(signIns).toHaveLength(1)

    // Resumed, not reset: every event from seq 1 is in the cache, once.
    const events = await ws.store.sqlite.get(
      'SELECT count(*) AS n, min(seq) AS lo, max(seq) AS hi FROM incident_events',
    )
    expect(events).toEqual({ n: b.headSeq(), lo: 1, hi: b.headSeq() })
    const applied = await ws.store.sqlite.all(
      `SELECT command_id FROM incident_events WHERE command_id IN (${issued.map(() => '?').join(',')})`,
      issued,
    )
    expect(applied.map((r) => r.command_id).sort()).toEqual([...issued].sort())
    expect(await expectSameAsServer(ws, b)).toEqual({ ok: true, diff: [] })
    expect((await b.verify()).ok).toBe(true)
  })
})
