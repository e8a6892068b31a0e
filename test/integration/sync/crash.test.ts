import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { SqliteDatabase } from '@infra/sqlite'
import { DEMO_TOKENS } from '@shared/protocol'
import { STORE_FILE } from '../../../src/main/core/store/open-store'
import type { RunningServer } from '../../../src/server/index'
import type { Core } from '../../../src/main/core/core'
import { ChildCore } from './fixtures/child-core'
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
let child: ChildCore | null = null
let observer: Core | null = null
const tempDir = perTestDirs(async () => {
  await child?.kill().catch(() => undefined)
  await closeQuietly(observer, server)
})

/** How many times each command id appears in the server's log, read through a fresh workstation. */
async function appliedCounts(srv: RunningServer, dir: string, ids: readonly string[]): Promise<Map<string, number>> {
  observer = await startCore(dir, srv.url)
  const o = observer
  await until(() => o.status.get().cursor === srv.headSeq())
  const rows = await o.store.sqlite.all(
    `SELECT command_id, count(*) AS n FROM incident_events WHERE command_id IN (${ids.map(() => '?').join(',')}) GROUP BY command_id`,
    ids,
  )
  return new Map(rows.map((r) => [String(r.command_id), Number(r.n)]))
}

describe('crash (SIGKILL)', () => {
  it('loses nothing and applies nothing twice when killed while flushing the outbox', async () => {
    const [s, c, o] = await Promise.all([tempDir(), tempDir(), tempDir()])
    server = await startTestServer(s.dir)
    const srv = server
    const ids = await new Traffic(srv).report(40)
    child = await ChildCore.start(c.dir, srv.url, DEMO_TOKENS.operator.token)
    await until(() => child!.status.cursor === srv.headSeq() && child!.status.connection === 'online')
    const commands = Array.from({ length: 200 }, (_, i) => ({
      type: 'comment',
      incidentId: ids[i % ids.length],
      expectedVersion: null,
      payload: { text: `第 ${i} 条` },
    }))
    child.submit(commands)
    // Kill it mid-flush: some commands acknowledged, some still queued.
    await until(
      () =>
        child!.submitted.length > 50 && child!.status.pending > 0 && child!.status.pending < child!.submitted.length,
      'mid-flush',
      1,
    )
    await child.kill()
    const before = [...child.submitted]
    expect(before.length).toBeGreaterThan(0)

    child = await ChildCore.start(c.dir, srv.url, DEMO_TOKENS.operator.token)
    await until(
      () =>
        child!.status.pending === 0 && child!.status.cursor === srv.headSeq() && child!.status.connection === 'online',
    )
    await child.close()
    // Whatever was resent after the kill was answered `duplicate` (or applied): none of it is a conflict.
    const store = await SqliteDatabase.open(path.join(c.dir, STORE_FILE), { readonly: true })
    try {
      expect(await store.get('SELECT count(*) AS n FROM conflicts')).toEqual({ n: 0 })
      expect(await store.get('SELECT count(*) AS n FROM outbox')).toEqual({ n: 0 })
    } finally {
      await store.close()
    }

    const counts = await appliedCounts(srv, o.dir, before)
    for (const id of before) expect(counts.get(id), id).toBe(1)
    // Order: the durable outbox sends in issue order, so the log holds them in that order.
    const logged = await observer!.store.sqlite.all(
      `SELECT command_id FROM incident_events WHERE command_id IN (${before.map(() => '?').join(',')}) ORDER BY seq`,
      before,
    )
    expect(logged.map((r) => r.command_id)).toEqual(before)
  })

  // 30,000 events seeded, caught up twice in child processes: ~40 s alone, more beside other suites.
  it('loses nothing and applies nothing twice when killed while applying a page', async () => {
    const [s, c] = await Promise.all([tempDir(), tempDir()])
    server = await startTestServer(s.dir)
    const srv = server
    const traffic = new Traffic(srv)
    await traffic.report(3000)
    await traffic.steps(27_000)
    child = await ChildCore.start(c.dir, srv.url, DEMO_TOKENS.operator.token)
    await until(() => child!.status.cursor > 0, 'first page', 1)
    await child.kill()
    const reached = child.status.cursor
    expect(reached).toBeLessThan(srv.headSeq())

    child = await ChildCore.start(c.dir, srv.url, DEMO_TOKENS.operator.token)
    await until(() => child!.status.cursor === srv.headSeq())
    await child.close()
    child = null

    // The child's file, opened here after it exited.
    observer = await startCore(c.dir, null)
    const events = await observer.store.sqlite.get(
      'SELECT count(*) AS n, min(seq) AS lo, max(seq) AS hi FROM incident_events',
    )
    expect(events).toEqual({ n: srv.headSeq(), lo: 1, hi: srv.headSeq() })
    expect(await expectSameAsServer(observer, srv)).toEqual({ ok: true, diff: [] })
    expect(Number((await observer.store.sqlite.get('SELECT count(*) AS n FROM quarantine'))?.n)).toBe(0)
  }, 180_000)
})
