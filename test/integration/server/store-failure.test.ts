import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SqliteDatabase } from '@infra/sqlite'
import { DEMO_TOKENS } from '@shared/protocol'
import type { RunningServer } from '../../../src/server/index'
import { STORE_FILE } from '../../../src/server/db/open'
import { action, quietServer, report, tempDir } from './helpers'

const OP = DEMO_TOKENS.operator.principal

/**
 * When the store cannot be written (or read), the server must not pretend: every command of the
 * batch is answered `unavailable` (transient: resend), nothing is applied or broadcast, case codes
 * are not used up, and the same commands apply normally once the store is back.
 */
describe('the central store failing under the command path', () => {
  const tmp = tempDir()
  let server: RunningServer
  let disk: SqliteDatabase

  beforeAll(async () => {
    server = await quietServer(tmp.dir)
    // A second connection to the server's file: the test's hand on the disk.
    disk = await SqliteDatabase.open(join(tmp.dir, STORE_FILE))
  })
  afterAll(async () => {
    await disk.close()
    await server.close()
    tmp.remove()
  })

  it('answers a failed write with unavailable for the whole batch, keeps the old state, and applies the resend', async () => {
    const first = report()
    const r1 = await server.submit(first, OP)
    if (r1.status !== 'applied') throw new Error(JSON.stringify(r1))
    const before = { head: server.headSeq(), code: server.incident(first.incidentId)?.code }
    await disk.exec(
      `CREATE TRIGGER refuse BEFORE INSERT ON events WHEN NEW.type = 'accept' BEGIN SELECT RAISE(ABORT, 'disk full'); END`,
    )
    const accept = action('accept', first.incidentId, 1, { note: '受理' })
    const second = report()
    // One batch (they queue behind the blocker): a new report, a failing accept, and a resend of the first report.
    const blocker = server.submit(report(), OP)
    const [a, b, c] = await Promise.all([
      server.submit(second, OP),
      server.submit(accept, OP),
      server.submit(first, OP),
    ])
    expect((await blocker).status).toBe('applied')
    expect(a).toMatchObject({ status: 'rejected', code: 'unavailable', currentVersion: null })
    expect(b).toMatchObject({ status: 'rejected', code: 'unavailable' })
    expect(String((b as { message: string }).message)).toMatch(/store write failed/)
    // What was already decided before the failure is still a duplicate with its seq.
    expect(c).toEqual({ ...r1, status: 'duplicate' })
    expect(server.headSeq()).toBe(before.head + 1) // only the blocker
    expect(server.incident(second.incidentId)).toBeNull()
    expect(server.incident(first.incidentId)).toMatchObject({ status: 'reported', version: 1 })

    await disk.exec('DROP TRIGGER refuse')
    const [a2, b2] = [await server.submit(second, OP), await server.submit(accept, OP)]
    expect(a2.status).toBe('applied')
    expect(b2).toMatchObject({ status: 'applied', version: 2 })
    expect(server.incident(first.incidentId)).toMatchObject({ status: 'accepted', version: 2 })
    // The failed batch used up no case code: the codes run on without a gap.
    const n = (code: string | undefined) => Number(code?.slice(-6))
    const blocked = server.incident(second.incidentId)?.code
    expect(n(blocked)).toBe(n(before.code) + 2) // the blocker took the next one
    expect((await server.verify()).ok).toBe(true)
  })

  it('answers unavailable when the store cannot even be read, and carries on once it can', async () => {
    const cmd = report()
    await disk.exec('ALTER TABLE commands RENAME TO commands_away')
    try {
      expect(await server.submit(cmd, OP)).toMatchObject({ status: 'rejected', code: 'unavailable' })
    } finally {
      await disk.exec('ALTER TABLE commands_away RENAME TO commands')
    }
    expect(server.incident(cmd.incidentId)).toBeNull()
    expect((await server.submit(cmd, OP)).status).toBe('applied')
  })

  it('refuses new commands once it is shutting down', async () => {
    const other = tempDir()
    const closing = await quietServer(other.dir)
    try {
      await closing.close()
      expect(await closing.submit(report(), OP)).toMatchObject({ status: 'rejected', code: 'unavailable' })
    } finally {
      other.remove()
    }
  })
})
