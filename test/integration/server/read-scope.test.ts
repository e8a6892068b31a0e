import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_TOKENS, MSG, type LiveBatch } from '@shared/protocol'
import type { RunningServer } from '../../../src/server/index'
import { action, client, quietServer, report, sync, tempDir, type ClientSocket } from './helpers'

const OPERATOR = DEMO_TOKENS.operator.principal

describe('town-scoped reads', () => {
  const tmp = tempDir()
  let server: RunningServer
  let henglan: ClientSocket
  let city: ClientSocket
  const ours: string[] = []
  const theirs: string[] = []

  /** A report in another town (one of its real grids). */
  const elsewhere = () => {
    const grid = server.reference.grids.find((g) => g.townId !== 'henglan')!
    return report({ townId: grid.townId, gridId: grid.id, lat: grid.lat, lng: grid.lng, address: grid.name })
  }

  beforeAll(async () => {
    server = await quietServer(tmp.dir, { heartbeatMs: 50 })
    // 40 cases, half in Henglan, each with a comment, interleaved in the log.
    for (let i = 0; i < 20; i++) {
      for (const [command, list] of [
        [report(), ours],
        [elsewhere(), theirs],
      ] as const) {
        expect((await server.submit(command, OPERATOR)).status).toBe('applied')
        list.push(command.incidentId)
        const comment = action('comment', command.incidentId, 1, { text: `第 ${i} 条备注` })
        expect((await server.submit(comment, OPERATOR)).status).toBe('applied')
      }
    }
    henglan = await client(server.url, DEMO_TOKENS.henglanOperator.token, 'ws-henglan')
    city = await client(server.url, DEMO_TOKENS.wall.token, 'ws-city')
  })
  afterAll(async () => {
    henglan.close()
    city.close()
    await server.close()
    tmp.remove()
  })

  it("replays only the principal's towns, each page saying how far through the log it reaches", async () => {
    const result = await sync(henglan, 0, null)
    expect(result.reply.mode).toBe('replay')
    expect(new Set(result.events.map((e) => e.incidentId))).toEqual(new Set(ours))
    expect(result.events).toHaveLength(40) // 20 reports + 20 comments
    expect(result.lastPage?.throughSeq).toBe(server.headSeq())

    const all = await sync(city, 0, null)
    expect(all.events).toHaveLength(80)
  })

  it("resets a scoped client with only its towns' incidents", async () => {
    const result = await sync(henglan, 5, 'another-server')
    expect(result.reply.mode).toBe('reset')
    expect(result.snapshot.map((i) => i.id).sort()).toEqual([...ours].sort())
  })

  it('sends a scoped client every commit live, empty when none of it is theirs, with the range it covers', async () => {
    await sync(henglan, server.headSeq(), server.serverId)
    await sync(city, server.headSeq(), server.serverId)
    const scoped: LiveBatch[] = []
    const unscoped: LiveBatch[] = []
    henglan.on(MSG.events, (b) => scoped.push(b))
    city.on(MSG.events, (b) => unscoped.push(b))
    try {
      const other = action('comment', theirs[0]!, 2, { text: '外镇备注' })
      expect((await server.submit(other, OPERATOR)).status).toBe('applied')
      const otherSeq = server.headSeq()
      const mine = action('comment', ours[0]!, 2, { text: '本镇备注' })
      expect((await server.submit(mine, OPERATOR)).status).toBe('applied')
      const mineSeq = server.headSeq()

      await expect.poll(() => scoped.length).toBe(2)
      expect(scoped[0]).toEqual({ events: [], fromSeq: otherSeq, throughSeq: otherSeq })
      expect(scoped[1]?.events.map((e) => [e.seq, e.incidentId])).toEqual([[mineSeq, ours[0]]])
      expect(scoped[1]).toMatchObject({ fromSeq: mineSeq, throughSeq: mineSeq })
      // A city-wide principal gets the plain stream, as before.
      await expect.poll(() => unscoped.flatMap((b) => b.events).map((e) => e.seq)).toEqual([otherSeq, mineSeq])
      expect(unscoped[0]).not.toHaveProperty('throughSeq')
    } finally {
      henglan.off(MSG.events)
      city.off(MSG.events)
    }
  })
})
