/**
 * Catch-up amplification (issue 11, item 2): the central server's memory held
 * for one hostile read-only connection that asks for a whole snapshot 100
 * times a second and reads nothing, beside the same connection saying hello
 * once (the cost of one catch-up, the floor). The server runs in a child
 * process so only its memory is counted (heap + external, after a full GC).
 */
import path from 'node:path'
import { DEMO_TOKENS } from '@shared/protocol'
import { helloStorm, StormServer } from '../test/integration/server/storm-client'
import type { BenchRow } from './bench-row'
import { round, withTempDir } from './sync-bench-util'

const CASES = 20_000
const MB = 2 ** 20

async function held(server: StormServer, perSecond: number, seconds: number): Promise<{ mb: number; sent: number }> {
  const idle = await server.memory()
  const storm = await helloStorm(server.url, DEMO_TOKENS.wall.token, perSecond, seconds)
  try {
    return { mb: ((await server.memory()) - idle) / MB, sent: storm.sent }
  } finally {
    storm.close()
  }
}

export async function run(): Promise<BenchRow[]> {
  return withTempDir(async (dir) => {
    const server = await StormServer.start(path.join(dir, 'server'), CASES)
    try {
      const once = await held(server, 1, 1)
      const storm = await held(server, 100, 10)
      return [
        {
          name: `server memory held for one read-only connection sending 100 hellos/s for 10 s, reading nothing (${storm.sent} hellos, ${CASES.toLocaleString('en-US')} cases: 10 snapshot pages each)`,
          value: round(storm.mb),
          unit: 'MB',
          baseline: `one hello on the same kind of connection: ${round(once.mb)} MB`,
          target: '≤ 32 MB (the test bound)',
          pass: storm.mb <= 32,
        },
      ]
    } finally {
      await server.close()
    }
  })
}
