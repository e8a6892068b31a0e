import path from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { DEMO_TOKENS } from '@shared/protocol'
import { createCore } from '../src/main/core/core'
import { readDatabaseStatus } from '../src/main/core/database-status'
import { PushHub } from '../src/main/core/push-hub'
import { StatusBoard } from '../src/main/core/status-board'
import { openStore } from '../src/main/core/store/open-store'
import { serviceAccess } from '../src/main/core/sync/server-access'
import { SyncService } from '../src/main/core/sync/sync-service'
import type { BenchRow } from './bench-row'
import { MIGRATIONS, round, ServerProcess, until, withTempDir } from './sync-bench-util'

const SECONDS = 8

async function idleStall(seconds: number): Promise<number> {
  const h = monitorEventLoopDelay({ resolution: 10 })
  h.enable()
  await new Promise((r) => setTimeout(r, seconds * 1000))
  h.disable()
  return h.max / 1e6
}

interface Running {
  cursor(): number
  online(): boolean
  close(): Promise<void>
}

/** The whole core (every handler the app registers), or the sync stack alone. */
async function startWorkstation(dir: string, url: string, whole: boolean): Promise<Running> {
  if (whole) {
    const core = await createCore({
      dataDir: dir,
      migrationsFolder: MIGRATIONS,
      host: 'browser',
      version: 'bench',
      server: { url, token: DEMO_TOKENS.operator.token },
      embeddedServer: false,
    })
    return {
      cursor: () => core.status.get().cursor,
      online: () => core.status.get().connection === 'online',
      close: () => core.close(),
    }
  }
  const store = await openStore(dir, MIGRATIONS)
  const hub = new PushHub()
  const status = new StatusBoard(hub, await readDatabaseStatus(store, null))
  const sync = new SyncService({
    sqlite: store.sqlite,
    hub,
    status,
    access: serviceAccess(url, DEMO_TOKENS.operator.token),
  })
  await sync.start()
  await sync.connect()
  return {
    cursor: () => status.get().cursor,
    online: () => status.get().connection === 'online',
    close: async () => {
      await sync.stop()
      status.dispose()
      await store.close()
    },
  }
}

/**
 * The workstation's event loop while it ingests live traffic at 1,000 events/s
 * (server in its own process, so only the workstation's work is on this loop):
 * the longest stall and the p99 delay, beside the same loop idle.
 */
export async function run(): Promise<BenchRow[]> {
  return withTempDir(async (dir) => {
    const server = await ServerProcess.start(path.join(dir, 'server'))
    try {
      await server.seed(5000, 0)
      const rows: BenchRow[] = []
      for (const whole of [false, true]) {
        const ws = await startWorkstation(path.join(dir, whole ? 'ws-core' : 'ws-sync'), server.url, whole)
        await until(() => ws.online() && ws.cursor() > 0)
        const idle = await idleStall(2)
        const h = monitorEventLoopDelay({ resolution: 10 })
        h.enable()
        const head = await server.traffic(1000, SECONDS)
        await until(() => ws.cursor() >= head)
        h.disable()
        await ws.close()
        const max = h.max / 1e6
        rows.push({
          name: `longest event-loop stall ingesting 1,000 events/s for ${SECONDS} s (${whole ? 'whole core, all handlers' : 'sync engine alone'})`,
          value: round(max, 1),
          unit: 'ms',
          baseline: `same loop idle: ${round(idle, 1)} ms; p99 delay while ingesting ${round(h.percentile(99) / 1e6, 1)} ms`,
          target: '≤ 50 ms',
          pass: max <= 50,
        })
      }
      return rows
    } finally {
      await server.close()
    }
  })
}

if (import.meta.url === `file://${process.argv[1]}`) console.table(await run())
