import { afterAll, describe, expect, it } from 'vitest'
import { DEMO_TOKENS, MSG } from '@shared/protocol'
import type { RunningServer } from '../../../src/server/index'
import { client, quietServer, sync, tempDir } from './helpers'

const NOW = Date.UTC(2026, 5, 30, 4, 0, 0) // a fixed end for the seeded history

describe('seeded history and simulator', () => {
  const cleanup: (() => Promise<void> | void)[] = []
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c()
  })

  async function seeded(extra: Parameters<typeof quietServer>[1] = {}, dir = tempDir()): Promise<RunningServer> {
    const server = await quietServer(dir.dir, { historyIncidents: 300, historyNow: NOW, seed: 'test-seed', ...extra })
    cleanup.push(dir.remove, () => server.close())
    return server
  }

  it('seeds the same realistic history from the same seed, in various states', async () => {
    const [a, b] = [await seeded(), await seeded()]
    // About the 300 asked for: the most recent days of the district that hold them.
    expect(a.incidentCount()).toBeGreaterThan(240)
    expect(a.incidentCount()).toBeLessThan(360)
    expect(a.incidentCount()).toBe(b.incidentCount())
    expect(a.headSeq()).toBe(b.headSeq())
    const wallA = await client(a.url, DEMO_TOKENS.wall.token)
    const wallB = await client(b.url, DEMO_TOKENS.wall.token)
    cleanup.push(
      () => void wallA.close(),
      () => void wallB.close(),
    )
    const [ea, eb] = [(await sync(wallA, 0, null)).events, (await sync(wallB, 0, null)).events]
    // Byte for byte, hash chain included (only the stores' own ids differ, and no event carries them).
    expect(JSON.stringify(ea)).toBe(JSON.stringify(eb))
    const types = new Set(ea.map((e) => e.type))
    for (const t of ['report', 'accept', 'dispatch', 'acknowledge', 'resolve', 'verify', 'close', 'return', 'escalate'])
      expect(types).toContain(t)
    expect(ea.every((e) => e.serverTime <= NOW && e.serverTime >= NOW - 31 * 86_400_000)).toBe(true)
    const sources = new Set(ea.filter((e) => e.type === 'report').map((e) => (e.payload as { source: string }).source))
    expect(sources).toContain('citizen_qr')
    expect((await a.verify()).ok).toBe(true)
  })

  it('runs a live district that clients see through the stream', async () => {
    const server = await seeded({ historyIncidents: 100, simulator: true, rate: 400 })
    const wall = await client(server.url, DEMO_TOKENS.wall.token)
    cleanup.push(() => void wall.close())
    const start = await sync(wall, 0, null)
    let cursor = start.events.at(-1)?.seq ?? 0
    const seen: number[] = []
    wall.on(MSG.events, (batch) => {
      for (const e of batch.events) {
        if (e.seq <= cursor) continue
        seen.push(e.seq)
        cursor = e.seq
      }
    })
    await expect.poll(() => seen.length, { timeout: 20_000 }).toBeGreaterThan(500)
    expect(seen).toEqual(Array.from({ length: seen.length }, (_, i) => (seen[0] ?? 0) + i))
    server.simulator?.setRate(0)
    expect((await server.verify()).ok).toBe(true)
  })

  it('never has a command dropped as a duplicate after a restart on the same store and seed', async () => {
    const dir = tempDir()
    const options = { historyIncidents: 100, simulator: true, rate: 300, seed: 'restart-seed' }
    const first = await quietServer(dir.dir, { ...options, historyNow: NOW })
    await expect.poll(() => first.simulator?.stats.applied ?? 0, { timeout: 20_000 }).toBeGreaterThan(300)
    await first.close()
    const second = await seeded(options, dir)
    await expect.poll(() => second.simulator?.stats.applied ?? 0, { timeout: 20_000 }).toBeGreaterThan(300)
    second.simulator?.setRate(0)
    expect(second.simulator?.stats.duplicate).toBe(0)
    expect((await second.verify()).ok).toBe(true)
  })
})
