import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_TOKENS, LIMITS, MSG, type Heartbeat, type LiveBatch } from '@shared/protocol'
import { DEMO_TOKENS as TOKENS } from '../../../src/server/index'
import type { RunningServer } from '../../../src/server/index'
import { action, client, quietServer, report, send, sync, tempDir, type ClientSocket } from './helpers'

/** Appends `count` events straight through the command path (reports and comments). */
async function appendEvents(server: RunningServer, count: number): Promise<void> {
  const who = TOKENS.operator.principal
  const first = report()
  await server.submit(first, who)
  const rest = Array.from({ length: count - 1 }, (_, i) =>
    i % 2 === 0 ? report() : action('comment', first.incidentId, null, { text: `备注 ${i}` }),
  )
  const replies = await Promise.all(rest.map((c) => server.submit(c, who)))
  expect(replies.every((r) => r.status === 'applied')).toBe(true)
}

describe('sync protocol', () => {
  const tmp = tempDir()
  let server: RunningServer
  let wall: ClientSocket

  beforeAll(async () => {
    server = await quietServer(tmp.dir, { heartbeatMs: 50 })
    wall = await client(server.url, DEMO_TOKENS.wall.token, 'wall-1')
  })
  afterAll(async () => {
    wall.close()
    await server.close()
    tmp.remove()
  })

  it('catches a client up on 10,000 missed events, complete and in order, page by page', async () => {
    const first = await sync(wall, 0, null)
    expect(first.reply.mode).toBe('live')
    const cursor = server.headSeq()
    await appendEvents(server, 10_000)
    const head = server.headSeq()
    expect(head - cursor).toBe(10_000)

    const result = await sync(wall, cursor, server.serverId)
    expect(result.reply.mode).toBe('replay')
    expect(result.replayPages).toBe(Math.ceil(10_000 / LIMITS.replayPage))
    expect(result.events).toHaveLength(10_000)
    expect(result.events.map((e) => e.seq)).toEqual(Array.from({ length: 10_000 }, (_, i) => cursor + 1 + i))
    // The chain links across every page.
    for (let i = 1; i < result.events.length; i++) expect(result.events[i]?.prevHash).toBe(result.events[i - 1]?.hash)
  })

  it('streams live events after catch-up and sends heartbeats', async () => {
    await sync(wall, server.headSeq(), server.serverId)
    const live: LiveBatch[] = []
    const beats: Heartbeat[] = []
    wall.on(MSG.events, (b) => live.push(b))
    wall.on(MSG.heartbeat, (h) => beats.push(h))
    const op = await client(server.url)
    try {
      const r = await send(op, report())
      expect(r.status).toBe('applied')
      await expect.poll(() => live.flatMap((b) => b.events).map((e) => e.seq)).toEqual([server.headSeq()])
      // A beat sent just before the commit may still arrive after it: wait for one that knows the new head.
      await expect.poll(() => beats.at(-1)?.headSeq).toBe(server.headSeq())
    } finally {
      op.close()
      wall.off(MSG.events).off(MSG.heartbeat)
    }
  })

  it('replays what was committed while a client was catching up, with no gap and no repeat', async () => {
    // A fresh connection: not in the live stream until its hello says so.
    const late = await client(server.url, DEMO_TOKENS.wall.token, 'wall-2')
    try {
      const cursor = server.headSeq()
      await appendEvents(server, 2500)
      const live: number[] = []
      late.on(MSG.events, (b) => live.push(...b.events.map((e) => e.seq)))
      const during = Promise.all(Array.from({ length: 300 }, () => server.submit(report(), TOKENS.operator.principal)))
      const result = await sync(late, cursor, server.serverId)
      await during
      await expect.poll(() => Math.max(result.events.at(-1)?.seq ?? 0, ...live)).toBe(server.headSeq())
      const all = [...result.events.map((e) => e.seq), ...live]
      expect(all).toEqual(Array.from({ length: server.headSeq() - cursor }, (_, i) => cursor + 1 + i))
    } finally {
      late.close()
    }
  })

  it('resets a client whose cursor is older than the log keeps, with snapshot pages, then goes on', async () => {
    const incidents = server.incidentCount()
    await server.pruneBefore(server.headSeq() - 100)
    expect(server.oldestSeq()).toBe(server.headSeq() - 100)

    const result = await sync(wall, 5, server.serverId)
    expect(result.reply.mode).toBe('reset')
    expect(result.snapshot).toHaveLength(incidents)
    expect(new Set(result.snapshot.map((i) => i.id)).size).toBe(incidents)
    expect(result.snapshotSeq).toBe(server.headSeq())

    // A cursor from another server also resets.
    const foreign = await sync(wall, server.headSeq(), 'srv-some-other-store')
    expect(foreign.reply.mode).toBe('reset')
    expect(foreign.snapshot).toHaveLength(incidents)

    // A cursor still inside the kept window replays normally.
    const kept = await sync(wall, server.oldestSeq() + 10, server.serverId)
    expect(kept.reply.mode).toBe('replay')
    expect(kept.events[0]?.seq).toBe(server.oldestSeq() + 11)
    expect((await server.verify()).ok).toBe(true)
  })
})
