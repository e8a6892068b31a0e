import path from 'node:path'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { performance } from 'node:perf_hooks'
import { Server } from 'socket.io'
import { io as connect } from 'socket.io-client'
import { DEMO_TOKENS } from '@shared/protocol'
import type { ChangeNotice } from '@shared/contract'
import { createCore } from '../src/main/core/core'
import type { BenchRow } from './bench-row'
import { MIGRATIONS, percentile, round, ServerProcess, until, withTempDir } from './sync-bench-util'

const wall = () => performance.timeOrigin + performance.now()

/** Baseline: a bare socket.io round trip on loopback (emit with ack), in this process. */
async function rawRoundTrip(samples = 2000): Promise<{ p50: number; p99: number }> {
  const http = createServer()
  const ioServer = new Server(http)
  ioServer.on('connection', (s) => s.on('ping', (_: unknown, ack: () => void) => ack()))
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r))
  const client = connect(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, { transports: ['websocket'] })
  await new Promise<void>((r) => client.on('connect', () => r()))
  const times: number[] = []
  for (let i = 0; i < samples; i++) {
    const t = performance.now()
    await client.emitWithAck('ping', {})
    times.push(performance.now() - t)
  }
  client.disconnect()
  await new Promise<void>((r) => ioServer.close(() => r()))
  times.sort((a, b) => a - b)
  return { p50: percentile(times, 50), p99: percentile(times, 99) }
}

/**
 * Server commit → the workstation's coalesced `changes` push, at 100 and 1,000
 * events/s. The server runs in its own process and reports when each command's
 * commit was acknowledged (wall clock, same machine); the workstation notes when
 * the notice naming that incident is pushed.
 */
export async function run(): Promise<BenchRow[]> {
  const raw = await rawRoundTrip()
  return withTempDir(async (dir) => {
    const server = await ServerProcess.start(path.join(dir, 'server'))
    const rows: BenchRow[] = []
    try {
      await server.seed(3000, 0)
      const core = await createCore({
        dataDir: path.join(dir, 'ws'),
        migrationsFolder: MIGRATIONS,
        host: 'browser',
        version: 'bench',
        server: { url: server.url, token: DEMO_TOKENS.operator.token },
        embeddedServer: false,
      })
      await until(() => core.status.get().connection === 'online')
      const committed = new Map<string, number>()
      const noticed = new Map<string, number>()
      const latencies: number[] = []
      const match = (id: string) => {
        const a = committed.get(id)
        const b = noticed.get(id)
        if (a === undefined || b === undefined) return
        latencies.push(Math.max(0, b - a))
        committed.delete(id)
        noticed.delete(id)
      }
      core.hub.subscribe((name, payload) => {
        if (name !== 'changes') return
        const t = wall()
        for (const id of (payload as ChangeNotice).incidentIds) {
          noticed.set(id, t)
          match(id)
        }
      })
      server.on((m) => {
        if (m.type !== 'committed') return
        for (const [id, t] of m.items) {
          committed.set(id, t)
          match(id)
        }
      })
      for (const [rate, seconds] of [
        [100, 8],
        [1000, 5],
      ] as const) {
        latencies.length = 0
        const head = await server.traffic(rate, seconds)
        await until(() => core.status.get().cursor >= head)
        await new Promise((r) => setTimeout(r, 100))
        const sorted = [...latencies].sort((a, b) => a - b)
        const target = rate === 100 ? 'p99 ≤ 100 ms' : undefined
        rows.push({
          name: `commit → change notification at ${rate} events/s, p50 (${sorted.length} samples)`,
          value: round(percentile(sorted, 50), 1),
          unit: 'ms',
          baseline: `raw socket.io round trip p50 ${round(raw.p50, 2)} ms`,
        })
        rows.push({
          name: `commit → change notification at ${rate} events/s, p99`,
          value: round(percentile(sorted, 99), 1),
          unit: 'ms',
          baseline: `raw socket.io round trip p99 ${round(raw.p99, 2)} ms`,
          ...(target ? { target, pass: percentile(sorted, 99) <= 100 } : {}),
        })
      }
      await core.close()
    } finally {
      await server.close()
    }
    return rows
  })
}

if (import.meta.url === `file://${process.argv[1]}`) console.table(await run())
