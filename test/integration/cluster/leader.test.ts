import { fork, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DEMO_TOKEN_LIST } from '@shared/protocol'
import { startServer, type RunningServer } from '../../../src/server/index'
import { freshDatabase } from '../../support/test-store'
import { tempDir } from '../server/helpers'
import { ROOT, closeQuietly } from '../sync/fixtures/harness'
import { SIM_NODE } from './fixtures/sim-options'

let first: ChildProcess | null = null
let second: RunningServer | null = null
const dirs: ReturnType<typeof tempDir>[] = []
afterEach(async () => {
  first?.kill('SIGKILL')
  first = null
  await closeQuietly(second)
  second = null
  dirs.splice(0).forEach((d) => d.remove())
})

function waitFor(child: ChildProcess, type: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
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
}

/**
 * Two nodes configured to simulate the district: only the holder of the leader lock runs the
 * simulator and the escalation sweeps; when it is SIGKILLed, PostgreSQL ends its session and the
 * other node takes the lock and carries on.
 */
describe('one simulator and escalation leader per cluster', () => {
  it('runs the simulator on the lock holder only, and hands it over when the holder dies', async () => {
    const store = await freshDatabase()
    const [dirA, dirB] = [tempDir(), tempDir()]
    dirs.push(dirA, dirB)
    first = fork(path.join(ROOT, 'test/integration/cluster/fixtures/sim-node.ts'), [dirA.dir, store], {
      cwd: ROOT,
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    const a = first
    await waitFor(a, 'ready')
    await waitFor(a, 'leading')
    second = await startServer({ dataDir: dirB.dir, store, tokens: DEMO_TOKEN_LIST, ...SIM_NODE })
    const b = second
    // B follows A's simulated district (many leader-poll periods of it) without simulating a thing itself.
    const from = b.headSeq()
    await expect.poll(() => b.headSeq()).toBeGreaterThan(from + 100)
    expect(b.leading()).toBe(false)
    expect(b.simulator?.stats.submitted).toBe(0)

    a.kill('SIGKILL')
    first = null
    await expect.poll(() => b.leading()).toBe(true)
    await expect.poll(() => b.simulator?.stats.applied ?? 0).toBeGreaterThan(20)
    expect(b.simulator?.stats.duplicate).toBe(0)
    expect((await b.verify()).ok).toBe(true)
  })
})
