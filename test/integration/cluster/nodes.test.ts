import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { IncidentEvent } from '@shared/domain'
import { DEMO_TOKENS, MSG, type CommandReply } from '@shared/protocol'
import type { RunningServer } from '../../../src/server/index'
import { verifyPgStore } from '../../../src/server/verify-store'
import { runServerCli } from '../../support/server-cli'
import { freshDatabase } from '../../support/test-store'
import { action, client, quietServer, report, send, sync, tempDir, type ClientSocket } from '../server/helpers'

/** Three nodes on loopback ports over one PostgreSQL database, each with its own data folder. */
async function cluster(n = 3): Promise<{ url: string; nodes: RunningServer[]; close(): Promise<void> }> {
  const url = await freshDatabase()
  const dirs = Array.from({ length: n }, () => tempDir())
  const nodes: RunningServer[] = []
  for (const d of dirs) nodes.push(await quietServer(d.dir, { store: url }))
  return {
    url,
    nodes,
    close: async () => {
      await Promise.all(nodes.map((s) => s.close()))
      dirs.forEach((d) => d.remove())
    },
  }
}

/** A client that syncs from `cursor` and then records every live event, in arrival order. */
async function follower(
  url: string,
  serverId: string,
  cursor = 0,
): Promise<{ socket: ClientSocket; seen: IncidentEvent[] }> {
  const socket = await client(url, DEMO_TOKENS.supervisor.token, 'ws-wall')
  const seen: IncidentEvent[] = []
  socket.on(MSG.events, (batch) => seen.push(...batch.events))
  const caught = await sync(socket, cursor, serverId)
  seen.unshift(...caught.events)
  return { socket, seen }
}

/** Seqs must run 1, 2, 3… with no gap and no repeat. */
function expectGapFree(events: readonly IncidentEvent[], from = 1): void {
  expect(events.map((e) => e.seq)).toEqual(Array.from({ length: events.length }, (_, i) => from + i))
}

describe('several nodes on one PostgreSQL store', () => {
  let c: Awaited<ReturnType<typeof cluster>>
  beforeAll(async () => {
    c = await cluster()
  })
  afterAll(async () => {
    await c.close()
  })

  it('share one identity, and clients on different nodes see one identical, gap-free order', async () => {
    const [a, b, d] = c.nodes
    expect(new Set(c.nodes.map((s) => s.serverId)).size).toBe(1)
    const walls = await Promise.all(c.nodes.map((s) => follower(s.url, s.serverId)))
    const start = a!.headSeq()
    const writers = await Promise.all([a!, b!, d!].map((s) => client(s.url)))
    // Every node takes commands at once: their commits interleave in the one log.
    const replies = await Promise.all(Array.from({ length: 90 }, (_, i) => send(writers[i % 3]!, report())))
    expect(replies.every((r) => r.status === 'applied')).toBe(true)
    const seqs = replies.map((r) => (r.status === 'applied' ? r.seq : 0))
    expect(new Set(seqs).size).toBe(90)
    const end = start + 90
    for (const w of walls) await expect.poll(() => w.seen.at(-1)?.seq ?? 0).toBe(end)
    const first = walls[0]!.seen
    expectGapFree(first)
    for (const w of walls) expect(w.seen.map((e) => [e.seq, e.hash])).toEqual(first.map((e) => [e.seq, e.hash]))
    // And the acknowledged seqs are exactly the new range.
    expect([...seqs].sort((x, y) => x - y)).toEqual(first.slice(start).map((e) => e.seq))
    for (const s of c.nodes) await expect.poll(() => s.headSeq()).toBe(end)
    writers.forEach((w) => w.close())
    walls.forEach((w) => w.socket.close())
  })

  it('applies one command sent to two nodes at once exactly once', async () => {
    const [a, b] = c.nodes
    const before = a!.headSeq()
    const command = report()
    const [ra, rb] = await Promise.all([
      a!.submit(command, DEMO_TOKENS.operator.principal),
      b!.submit(command, DEMO_TOKENS.operator.principal),
    ])
    const statuses = [ra!.status, rb!.status].sort()
    expect(statuses).toEqual(['applied', 'duplicate'])
    const seqOf = (r: CommandReply) => (r.status === 'applied' || r.status === 'duplicate' ? r.seq : -1)
    expect(seqOf(ra!)).toBe(seqOf(rb!))
    for (const s of c.nodes) await expect.poll(() => s.headSeq()).toBe(before + 1)
    await expect.poll(() => c.nodes[2]!.incident(command.incidentId)?.version ?? 0).toBe(1)
  })

  it('lets exactly one of two nodes racing on one incident win; the other gets a stale-version rejection', async () => {
    const [a, b, d] = c.nodes
    const created = report()
    expect((await a!.submit(created, DEMO_TOKENS.operator.principal)).status).toBe('applied')
    await expect.poll(() => b!.incident(created.incidentId)?.version ?? 0).toBe(1)
    const [ra, rb] = await Promise.all([
      a!.submit(action('accept', created.incidentId, 1, { note: '甲节点受理' }), DEMO_TOKENS.operator.principal),
      b!.submit(action('accept', created.incidentId, 1, { note: '乙节点受理' }), DEMO_TOKENS.operator.principal),
    ])
    const outcomes = [ra!, rb!].map((r) => (r.status === 'rejected' ? r.code : r.status)).sort()
    expect(outcomes).toEqual(['applied', 'stale_version'])
    for (const s of [a!, b!, d!]) await expect.poll(() => s.incident(created.incidentId)?.version ?? 0).toBe(2)
    expect((await verifyPgStore(c.url)).ok).toBe(true)
  })
})

describe('a node killed mid-traffic', () => {
  it('loses and doubles nothing: its clients resume from their cursor on another node, and the log verifies', async () => {
    const url = await freshDatabase()
    const dir = tempDir()
    const survivorDir = tempDir()
    const tokensFile = join(dir.dir, 'service-tokens.json')
    const token = 'cluster-test-service-token-0123456789'
    writeFileSync(tokensFile, JSON.stringify([{ token, principal: DEMO_TOKENS.operator.principal }]), { mode: 0o600 })
    const doomed = runServerCli([
      ...['--data-dir', dir.dir, '--store', url, '--port', '0', '--simulator', 'off', '--history', '0'],
      ...['--tokens-file', tokensFile],
    ])
    const survivor = await quietServer(survivorDir.dir, { store: url })
    try {
      const doomedUrl = await doomed.url
      const wall = await follower(survivor.url, survivor.serverId)
      // A seat on the doomed node keeps commands in flight; another on the survivor too.
      const seat = await client(doomedUrl, token)
      let seatCursor = 0
      seat.on(MSG.events, (b) => (seatCursor = Math.max(seatCursor, b.events.at(-1)?.seq ?? seatCursor)))
      await sync(seat, 0, survivor.serverId)
      const other = await client(survivor.url)
      const acked = new Map<string, { command: ReturnType<typeof report>; reply: CommandReply }>()
      const sentToDoomed: ReturnType<typeof report>[] = []
      const survivorSide: Promise<unknown>[] = []
      let killed = false
      for (let i = 0; i < 400; i++) {
        const command = report()
        const toDoomed = i % 2 === 0
        if (toDoomed) sentToDoomed.push(command)
        // A reply the doomed node never sent fails when its socket drops: those commands are resent below.
        const replied = send(toDoomed ? seat : other, command).then(
          (reply) => {
            acked.set(command.commandId, { command, reply })
            if (acked.size === 120 && !killed) {
              killed = true
              doomed.child.kill('SIGKILL')
            }
          },
          (err: unknown) => {
            if (!toDoomed) throw err
          },
        )
        if (!toDoomed) survivorSide.push(replied)
        if (i % 20 === 19) await new Promise((r) => setTimeout(r, 5))
      }
      await doomed.exit
      seat.close()
      await Promise.all(survivorSide)
      // What the doomed node never answered is resent to the survivor, as a failing-over seat does:
      // committed before the kill, it comes back a duplicate with its seq; otherwise it is applied now.
      const resent = await Promise.all(
        sentToDoomed
          .filter((command) => !acked.has(command.commandId))
          .map(async (command) => ({
            command,
            reply: await survivor.submit(command, DEMO_TOKENS.operator.principal),
          })),
      )
      const applied = [...acked.values(), ...resent].filter(
        (a) => a.reply.status === 'applied' || a.reply.status === 'duplicate',
      )
      // Every command answered is in the log once: its seq names it, and no seq names two commands.
      const bySeq = new Map<number, string>()
      for (const a of applied) {
        const seq = (a.reply as { seq: number }).seq
        expect(bySeq.get(seq) ?? a.command.commandId).toBe(a.command.commandId)
        bySeq.set(seq, a.command.commandId)
        expect(survivor.incident(a.command.incidentId)).not.toBeNull()
      }
      expect(killed).toBe(true)
      expect(applied).toHaveLength(400)
      // The seat resumes on the survivor from its cursor and catches up gap-free to the same log.
      const resumed = await follower(survivor.url, survivor.serverId, seatCursor)
      const head = survivor.headSeq()
      await expect.poll(() => resumed.seen.at(-1)?.seq ?? seatCursor).toBe(head)
      expectGapFree(resumed.seen, seatCursor + 1)
      await expect.poll(() => wall.seen.at(-1)?.seq ?? 0).toBe(head)
      expectGapFree(wall.seen)
      expect(new Set(wall.seen.map((e) => e.commandId)).size).toBe(wall.seen.length)
      expect((await survivor.verify()).ok).toBe(true)
      other.close()
      wall.socket.close()
      resumed.socket.close()
    } finally {
      doomed.child.kill('SIGKILL')
      await survivor.close()
      dir.remove()
      survivorDir.remove()
    }
  })
})

describe('a node that loses its database', () => {
  it('fails its health check and answers commands `unavailable` (transient), not a conflict', async () => {
    const url = await freshDatabase()
    const dir = tempDir()
    const node = await quietServer(dir.dir, { store: url })
    try {
      const health = () => fetch(`${node.url}/health`).then(async (r) => ({ status: r.status, body: await r.json() }))
      expect(await health()).toMatchObject({ status: 200, body: { serverId: node.serverId, headSeq: 0 } })
      const admin = new pg.Client({ connectionString: url.replace(/\/[^/]+$/, '/postgres') })
      await admin.connect()
      await admin.query(`DROP DATABASE ${new URL(url).pathname.slice(1)} WITH (FORCE)`)
      await admin.end()
      expect((await health()).status).toBe(503)
      const reply = await node.submit(report(), DEMO_TOKENS.operator.principal)
      expect(reply).toMatchObject({ status: 'rejected', code: 'unavailable' })
    } finally {
      await node.close()
      dir.remove()
    }
  })
})
