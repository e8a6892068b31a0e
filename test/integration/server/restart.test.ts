import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import sqlite3 from 'sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { DEMO_TOKENS, type CommandReply } from '@shared/protocol'
import pg from 'pg'
import { verifyStore, type VerifyResult } from '../../../src/server/index'
import { verifyPgStore } from '../../../src/server/verify-store'
import { runServerCli } from '../../support/server-cli'
import { storeFor } from '../../support/test-store'
import { action, client, quietServer, report, send, tempDir } from './helpers'

function sqliteRun(file: string, statement: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file)
    db.run(statement, (err) => db.close(() => (err ? reject(err) : resolve())))
  })
}

/** The store of the server on `dir` as a tamperer sees it: its SQL, its verify, its CLI flags. */
async function storeOf(dir: string): Promise<{
  sql(statement: { sqlite: string; postgres: string }): Promise<void>
  verify(): Promise<VerifyResult>
  cliArgs: string[]
}> {
  const url = await storeFor(dir)
  if (!url)
    return {
      sql: (s) => sqliteRun(join(dir, 'central.sqlite'), s.sqlite),
      verify: () => verifyStore(dir),
      cliArgs: ['--data-dir', dir],
    }
  return {
    sql: async (s) => {
      const c = new pg.Client({ connectionString: url })
      await c.connect()
      try {
        await c.query(s.postgres)
      } finally {
        await c.end()
      }
    },
    verify: () => verifyPgStore(url),
    cliArgs: ['--data-dir', dir, '--store', url],
  }
}

describe('durability and tamper evidence', () => {
  const dirs: (() => void)[] = []
  afterAll(() => dirs.forEach((remove) => remove()))

  it('loses no acknowledged event when the server is killed mid-stream and restarted', async () => {
    const tmp = tempDir()
    dirs.push(tmp.remove)
    // A service token in a private file: tokens never go on a command line.
    const tokensFile = join(tmp.dir, 'service-tokens.json')
    const token = 'restart-test-service-token-0123456789'
    writeFileSync(tokensFile, JSON.stringify([{ token, principal: DEMO_TOKENS.operator.principal }]), { mode: 0o600 })
    const run = runServerCli([
      ...(await storeOf(tmp.dir)).cliArgs,
      '--port',
      '0',
      '--simulator',
      'off',
      '--history',
      '0',
      '--tokens-file',
      tokensFile,
    ])
    const url = await run.url
    const op = await client(url, token)
    const acked: { id: string; reply: CommandReply; command: ReturnType<typeof report> }[] = []
    let killed = false
    let inFlight = 0
    // Keep a window of commands in flight (under the per-connection limit) and kill the server mid-stream.
    for (let i = 0; i < 5000 && !killed; i++) {
      while (inFlight >= 300 && !killed) await new Promise((r) => setTimeout(r, 1))
      const command = report()
      inFlight++
      send(op, command).then(
        (reply) => {
          inFlight--
          acked.push({ id: command.incidentId, reply, command })
          if (acked.length === 400 && !killed) {
            killed = true
            run.child.kill('SIGKILL')
          }
        },
        () => inFlight--,
      )
    }
    await run.exit
    op.close()
    expect(acked.length).toBeGreaterThanOrEqual(400)

    const server = await quietServer(tmp.dir)
    try {
      const applied = acked.filter((a) => a.reply.status === 'applied')
      expect(applied.length).toBeGreaterThanOrEqual(400)
      for (const a of applied) expect(server.incident(a.id)).not.toBeNull()
      const maxSeq = Math.max(...applied.map((a) => (a.reply.status === 'applied' ? a.reply.seq : 0)))
      expect(server.headSeq()).toBeGreaterThanOrEqual(maxSeq)
      // Resending an acknowledged command after the restart is recognised, not applied again.
      const again = await server.submit(applied[0]!.command, DEMO_TOKENS.operator.principal)
      expect(again).toMatchObject({ status: 'duplicate', seq: (applied[0]!.reply as { seq: number }).seq })
      expect((await server.verify()).ok).toBe(true)
    } finally {
      await server.close()
    }
  })

  it('detects tampering with the log or the projection (API and CLI)', async () => {
    const tmp = tempDir()
    dirs.push(tmp.remove)
    const server = await quietServer(tmp.dir)
    const op = await client(server.url)
    const first = report()
    await send(op, first)
    await send(op, action('accept', first.incidentId, 1, { note: '受理' }))
    for (let i = 0; i < 5; i++) await send(op, report())
    op.close()
    await server.close()
    const store = await storeOf(tmp.dir)
    expect((await store.verify()).ok).toBe(true)

    const both = (statement: string) => store.sql({ sqlite: statement, postgres: statement })
    await both(`UPDATE events SET payload = replace(payload, '受理', '驳回') WHERE seq = 2`)
    const tampered = await store.verify()
    expect(tampered.ok).toBe(false)
    expect(tampered.problem?.seq).toBe(2)

    const cli = runServerCli(['verify', ...store.cliArgs])
    expect(await cli.exit).toBe(1)

    await both(`UPDATE events SET payload = replace(payload, '驳回', '受理') WHERE seq = 2`)
    expect((await store.verify()).ok).toBe(true)
    const setStatus = (status: string) =>
      store.sql({
        sqlite: `UPDATE incidents SET data = json_set(data, '$.status', '${status}')`,
        postgres: `UPDATE incidents SET data = jsonb_set(data::jsonb, '{status}', '"${status}"')::text`,
      })
    await setStatus('closed')
    expect((await store.verify()).ok).toBe(false)
    // Deleting an event leaves a gap in the sequence.
    await setStatus('reported')
    await both(`DELETE FROM events WHERE seq = 4`)
    const gap = await store.verify()
    expect(gap.ok).toBe(false)
    expect(gap.problem?.seq).toBe(4)
  })
})
