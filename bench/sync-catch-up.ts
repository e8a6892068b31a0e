import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { DEMO_TOKENS } from '@shared/protocol'
import { createCore } from '../src/main/core/core'
import type { BenchRow } from './bench-row'
import { MIGRATIONS, round, ServerProcess, until, withTempDir } from './sync-bench-util'

const EVENTS = 100_000

/** A workstation that missed 100,000 events catches up from a local server (its own process). */
export async function run(): Promise<BenchRow[]> {
  return withTempDir(async (dir) => {
    const server = await ServerProcess.start(path.join(dir, 'server'))
    try {
      const head = await server.seed(10_000, EVENTS - 10_000)
      const t0 = performance.now()
      const core = await createCore({
        dataDir: path.join(dir, 'ws'),
        migrationsFolder: MIGRATIONS,
        host: 'browser',
        version: 'bench',
        server: { url: server.url, token: DEMO_TOKENS.operator.token },
        embeddedServer: false,
      })
      await until(() => core.status.get().cursor >= head && core.status.get().connection === 'online')
      const seconds = (performance.now() - t0) / 1000
      await core.close()
      return [
        {
          name: `catch-up of ${head.toLocaleString('en-US')} missed events (fresh cache, local server)`,
          value: round(seconds, 2),
          unit: 's',
          baseline: `${Math.round(head / seconds).toLocaleString('en-US')} events/s end to end`,
          target: '≤ 5 s',
          pass: seconds <= 5,
        },
      ]
    } finally {
      await server.close()
    }
  })
}

if (import.meta.url === `file://${process.argv[1]}`) console.table(await run())
