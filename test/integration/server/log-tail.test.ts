import { spawn } from 'node:child_process'
import { join } from 'node:path'
import sqlite3 from 'sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { DEMO_TOKENS } from '@shared/protocol'
import { verifyStore, type RunningServer } from '../../../src/server/index'
import { action, quietServer, report, tempDir } from './helpers'

const root = join(import.meta.dirname, '../../..')
const OPERATOR = DEMO_TOKENS.operator.principal

/** The server's CLI run to its end: exit code and everything it printed. */
function cli(args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/server/cli.ts'), ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (d: Buffer) => (output += d.toString()))
  child.stderr.on('data', (d: Buffer) => (output += d.toString()))
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })))
}

function sql(file: string, statements: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file)
    db.exec(statements, (err) => db.close(() => (err ? reject(err) : resolve())))
  })
}

/** A closed store with `cases` reports, each accepted: 2 × cases events. */
async function storeWith(dir: string, cases: number): Promise<number> {
  const server = await quietServer(dir)
  for (let i = 0; i < cases; i++) {
    const r = report()
    expect((await server.submit(r, OPERATOR)).status).toBe('applied')
    expect((await server.submit(action('accept', r.incidentId, 1, {}), OPERATOR)).status).toBe('applied')
  }
  const head = server.headSeq()
  await server.close()
  return head
}

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const c of cleanups.splice(0)) c()
})

describe('the log’s tail is anchored', () => {
  it('catches events deleted from the end: verify fails and the server refuses to start, saying why', async () => {
    const tmp = tempDir()
    cleanups.push(tmp.remove)
    const head = await storeWith(tmp.dir, 5)
    expect((await verifyStore(tmp.dir)).ok).toBe(true)
    const file = join(tmp.dir, 'central.sqlite')
    // The last two events go: the chain that is left is intact, only the witnesses disagree.
    await sql(file, `DELETE FROM events WHERE seq > ${head - 2}`)

    const result = await verifyStore(tmp.dir)
    expect(result).toMatchObject({ ok: false, problem: { seq: head - 1 } })
    expect(result.problem?.reason).toMatch(`events ${head - 1}…${head} are missing from the end of the log`)
    const verify = await cli(['verify', '--data-dir', tmp.dir])
    expect(verify.code).toBe(1)
    expect(verify.output).toMatch(/missing from the end of the log/)

    await expect(quietServer(tmp.dir)).rejects.toThrow(/refusing to start .*missing from the end of the log/)
    const serve = await cli(['serve', '--data-dir', tmp.dir, '--port', '0', '--simulator', 'off', '--history', '0'])
    expect(serve.code).toBe(1)
    expect(serve.output).toMatch(/refusing to start/)
  })

  it('still catches it when the head record is rewritten too: the incidents table and the replies disagree', async () => {
    const tmp = tempDir()
    cleanups.push(tmp.remove)
    const head = await storeWith(tmp.dir, 3)
    const file = join(tmp.dir, 'central.sqlite')
    const cut = head - 1
    await sql(
      file,
      `DELETE FROM events WHERE seq > ${cut};
       UPDATE meta SET value = (SELECT json_object('seq', seq, 'hash', hash) FROM events WHERE seq = ${cut}) WHERE key = 'head';`,
    )
    expect((await verifyStore(tmp.dir)).problem?.reason).toMatch(`incidents table reflects seq ${head}`)
    await expect(quietServer(tmp.dir)).rejects.toThrow(/incidents table reflects seq/)

    // …and with the projection rolled back as well, the command replies still name the lost seq.
    await sql(file, `UPDATE incidents SET last_seq = ${cut} WHERE last_seq > ${cut}`)
    expect((await verifyStore(tmp.dir)).problem?.reason).toMatch(`command replies name seq ${head}`)
    await expect(quietServer(tmp.dir)).rejects.toThrow(/command replies name seq/)

    // Deleting the head record itself is no way out either.
    await sql(file, `DELETE FROM meta WHERE key = 'head'`)
    expect((await verifyStore(tmp.dir)).problem?.reason).toBe('the head record is missing')
  })

  it('verifies read-only beside a running server that keeps committing, without false alarms', async () => {
    const tmp = tempDir()
    cleanups.push(tmp.remove)
    await storeWith(tmp.dir, 50)
    const server: RunningServer = await quietServer(tmp.dir)
    try {
      const writeSome = async (n: number) => {
        for (let i = 0; i < n; i++) {
          const r = report()
          expect((await server.submit(r, OPERATOR)).status).toBe('applied')
          expect((await server.submit(action('accept', r.incidentId, 1, {}), OPERATOR)).status).toBe('applied')
        }
      }
      for (let round = 0; round < 3; round++) {
        const before = server.headSeq()
        const [result] = await Promise.all([verifyStore(tmp.dir), writeSome(10)])
        expect(result).toMatchObject({ ok: true, problem: null, projectionChecked: true })
        expect(server.headSeq()).toBe(before + 20)
      }
      // The server's own view after the verifications: still writing, and its store still verifies.
      const r = report()
      expect((await server.submit(r, OPERATOR)).status).toBe('applied')
      expect((await server.verify()).ok).toBe(true)
    } finally {
      await server.close()
    }
  })
})
