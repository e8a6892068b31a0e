import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Command } from '@shared/domain'
import { DEMO_TOKENS, type CommandReply } from '@shared/protocol'
import type { RunningServer } from '../../../src/server/index'
import { action, client, quietServer, report, sync, tempDir } from './helpers'

const OP = DEMO_TOKENS.operator.principal

/**
 * Exactly once when the resend lands in the SAME write batch as the original:
 * the processor takes whatever queued while it was writing as one batch, so a
 * command resent before its first copy was written is decided in one turn with
 * it. The batch must see its own decisions: one `applied`, one `duplicate` with
 * the same seq, and the log head moves once.
 */
describe('exactly once under resend inside one write batch', () => {
  const tmp = tempDir()
  let server: RunningServer

  beforeAll(async () => {
    server = await quietServer(tmp.dir)
  })
  afterAll(async () => {
    await server.close()
    tmp.remove()
  })

  /**
   * Submits `command` twice behind a command that is already being written: the
   * first submit starts a turn of its own, the two copies queue meanwhile and are
   * taken together as the next batch.
   */
  async function twiceInOneBatch(command: Command): Promise<{ replies: CommandReply[]; moved: number }> {
    const before = server.headSeq()
    const [blocker, ...replies] = await Promise.all([
      server.submit(report(), OP),
      server.submit(command, OP),
      server.submit(command, OP),
    ])
    expect(blocker?.status).toBe('applied')
    return { replies, moved: server.headSeq() - before - 1 }
  }

  function expectOnce(replies: CommandReply[], moved: number): number {
    const [first, second] = replies
    expect(first?.status).toBe('applied')
    expect(second?.status).toBe('duplicate')
    if (first?.status !== 'applied' || second?.status !== 'duplicate') throw new Error('unreachable')
    expect({ seq: second.seq, version: second.version, incidentId: second.incidentId }).toEqual({
      seq: first.seq,
      version: first.version,
      incidentId: first.incidentId,
    })
    expect(moved).toBe(1)
    return first.seq
  }

  /** How many events in the log carry `commandId`, read back the way any client reads the log. */
  async function logged(commandId: string): Promise<number> {
    const socket = await client(server.url)
    try {
      const { events } = await sync(socket, 0, null)
      return events.filter((e) => e.commandId === commandId).length
    } finally {
      socket.close()
    }
  }

  it('a report', async () => {
    const cmd = report({ title: '同批重发的上报' })
    const { replies, moved } = await twiceInOneBatch(cmd)
    expectOnce(replies, moved)
    expect(server.incident(cmd.incidentId)).toMatchObject({ version: 1, title: '同批重发的上报' })
    expect(await logged(cmd.commandId)).toBe(1)
  })

  it('a versioned command (accept at version 1)', async () => {
    const created = report()
    expect((await server.submit(created, OP)).status).toBe('applied')
    const accept = action('accept', created.incidentId, 1, { note: '受理' })
    const { replies, moved } = await twiceInOneBatch(accept)
    expectOnce(replies, moved)
    expect(server.incident(created.incidentId)).toMatchObject({ status: 'accepted', version: 2 })
    expect(await logged(accept.commandId)).toBe(1)
  })

  it('an unversioned comment', async () => {
    const created = report()
    expect((await server.submit(created, OP)).status).toBe('applied')
    const comment = action('comment', created.incidentId, null, { text: '只应记一次' })
    const { replies, moved } = await twiceInOneBatch(comment)
    expectOnce(replies, moved)
    expect(server.incident(created.incidentId)?.version).toBe(2)
    expect(await logged(comment.commandId)).toBe(1)
  })

  it('a rejected command resent in the same batch gets the same rejection and changes nothing', async () => {
    const before = server.headSeq()
    const missing = action('accept', 'no-such-incident', 1, {})
    const [blocker, a, b] = await Promise.all([
      server.submit(report(), OP),
      server.submit(missing, OP),
      server.submit(missing, OP),
    ])
    expect(blocker?.status).toBe('applied')
    expect(a).toMatchObject({ status: 'rejected', code: 'not_found' })
    expect(b).toEqual(a)
    expect(server.headSeq()).toBe(before + 1)
  })

  it('a resend in a later batch is answered from the store with the original seq', async () => {
    const cmd = report()
    const first = await server.submit(cmd, OP)
    const again = await server.submit(cmd, OP)
    expect(first.status).toBe('applied')
    expect(again).toEqual({ ...first, status: 'duplicate' })
  })
})
