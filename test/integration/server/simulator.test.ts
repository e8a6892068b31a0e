import { afterAll, describe, expect, it } from 'vitest'
import { DEMO_TOKENS, MSG } from '@shared/protocol'
import type { IncidentEvent } from '@shared/domain'
import type { RunningServer } from '../../../src/server/index'
import { client, quietServer, sync, tempDir } from './helpers'

const NOW = Date.UTC(2026, 5, 30, 4, 0, 0) // a fixed end for the seeded history

describe('seeded history and simulator', () => {
  const cleanup: (() => Promise<void> | void)[] = []
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c()
  })

  async function seeded(extra: Parameters<typeof quietServer>[1] = {}): Promise<RunningServer> {
    const tmp = tempDir()
    const server = await quietServer(tmp.dir, { historyIncidents: 300, historyNow: NOW, seed: 'test-seed', ...extra })
    cleanup.push(tmp.remove, () => server.close())
    return server
  }

  it('seeds the same realistic history from the same seed, in various states', async () => {
    const [a, b] = [await seeded(), await seeded()]
    expect(a.incidentCount()).toBe(300)
    expect(a.headSeq()).toBe(b.headSeq())
    const wallA = await client(a.url, DEMO_TOKENS.wall.token)
    const wallB = await client(b.url, DEMO_TOKENS.wall.token)
    cleanup.push(
      () => void wallA.close(),
      () => void wallB.close(),
    )
    const [ea, eb] = [(await sync(wallA, 0, null)).events, (await sync(wallB, 0, null)).events]
    const strip = (e: IncidentEvent) => ({
      seq: e.seq,
      type: e.type,
      incidentId: e.incidentId,
      payload: e.payload,
      serverTime: e.serverTime,
    })
    expect(ea.map(strip)).toEqual(eb.map(strip))
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
})
