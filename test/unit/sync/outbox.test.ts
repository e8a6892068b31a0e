import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Command, Principal } from '@shared/domain'
import type { CommandReply } from '@shared/protocol'
import type { Store } from '../../../src/main/core/store/open-store'
import { backoffMs } from '../../../src/main/core/sync/backoff'
import { Outbox } from '../../../src/main/core/sync/outbox'
import { OutboxSender } from '../../../src/main/core/sync/outbox-sender'
import { tempStore } from './helpers'

const OP: Principal = { actorId: 'op-1', name: 'Op', role: 'operator', towns: '*' }
let store: Store
let cleanup: () => Promise<void>
beforeEach(async () => ({ store, cleanup } = await tempStore()))
afterEach(() => cleanup())

const comment = (i: number) => ({
  type: 'comment' as const,
  incidentId: `inc-${i % 3}`,
  expectedVersion: 1,
  payload: { text: `c${i}` },
})

async function until(check: () => Promise<boolean> | boolean): Promise<void> {
  for (let i = 0; i < 2000; i++) {
    if (await check()) return
    await new Promise((r) => setTimeout(r, 10))
  }
  throw new Error('condition never held')
}

describe('backoff', () => {
  it('grows, caps and jitters within bounds', () => {
    expect(backoffMs(1, { random: () => 0 })).toBe(500)
    expect(backoffMs(2, { random: () => 0 })).toBe(1000)
    expect(backoffMs(30, { random: () => 0 })).toBe(30_000)
    expect(backoffMs(3, { random: () => 1 })).toBe(1000)
    for (let i = 0; i < 50; i++) {
      const v = backoffMs(4)
      expect(v).toBeGreaterThanOrEqual(2000)
      expect(v).toBeLessThanOrEqual(4000)
    }
  })
})

describe('Outbox', () => {
  it('validates payloads and keeps issue order', async () => {
    const outbox = new Outbox(store.sqlite)
    await expect(
      outbox.submit({ type: 'reject', incidentId: 'x', expectedVersion: 1, payload: {} }, OP),
    ).rejects.toThrow(/invalid/)
    const ids: string[] = []
    for (let i = 0; i < 10; i++) ids.push((await outbox.submit(comment(i), OP)).commandId)
    expect((await outbox.pending()).map((p) => p.commandId)).toEqual(ids)
    expect((await outbox.head())?.command.commandId).toBe(ids[0])
    const audit = await store.sqlite.get("SELECT count(*) AS n FROM action_audit WHERE action = 'submit'")
    expect(audit?.n).toBe(10)
  })

  it('turns a rejection into a conflict that does not block, and redoes it against the current version', async () => {
    const outbox = new Outbox(store.sqlite)
    const a = await outbox.submit(comment(0), OP)
    const b = await outbox.submit(comment(1), OP)
    const head = (await outbox.head())!
    expect(
      await outbox.settle(head, { status: 'rejected', code: 'stale_version', message: 'moved on', currentVersion: 4 }),
    ).toBe('conflict')
    expect((await outbox.head())?.command.commandId).toBe(b.commandId)
    const [conflict] = await outbox.conflicts()
    expect(conflict?.commandId).toBe(a.commandId)
    expect(conflict?.code).toBe('stale_version')
    const redo = await outbox.redo(conflict!.id, OP)
    expect(redo.expectedVersion).toBe(4)
    expect(redo.payload).toEqual(a.payload)
    expect(await outbox.conflicts()).toEqual([])
    expect((await outbox.pending()).map((p) => p.commandId)).toEqual([b.commandId, redo.commandId])
  })

  it('keeps an accepted command as overlay until the cache has its seq', async () => {
    const outbox = new Outbox(store.sqlite)
    await outbox.submit(comment(0), OP)
    const head = (await outbox.head())!
    await outbox.settle(head, { status: 'applied', seq: 42, version: 2, incidentId: 'inc-0' })
    expect(await outbox.pendingCount()).toBe(0)
    expect((await outbox.entries())[0]?.ackedSeq).toBe(42)
  })

  it('takes a duplicate reply as success: done with the original seq, no conflict, audited as a duplicate', async () => {
    const outbox = new Outbox(store.sqlite)
    const a = await outbox.submit(comment(0), OP)
    const b = await outbox.submit(comment(1), OP)
    const head = (await outbox.head())!
    expect(await outbox.settle(head, { status: 'duplicate', seq: 42, version: 3, incidentId: 'inc-0' })).toBe('done')
    expect(await outbox.conflicts()).toEqual([])
    expect(await outbox.conflictCount()).toBe(0)
    // Accepted at the original seq: overlaid until the cache holds 42, and no longer the head.
    expect((await outbox.entries()).map((e) => [e.command.commandId, e.ackedSeq])).toEqual([
      [a.commandId, 42],
      [b.commandId, null],
    ])
    expect((await outbox.head())?.command.commandId).toBe(b.commandId)
    expect(await outbox.pendingCount()).toBe(1)
    const audit = await store.sqlite.all(
      "SELECT action, command_id, actor_id, detail FROM action_audit WHERE action <> 'submit' ORDER BY id",
    )
    expect(audit).toEqual([
      { action: 'duplicate', command_id: a.commandId, actor_id: OP.actorId, detail: '{"seq":42}' },
    ])
  })

  it('drops an accepted command at once when the cache already holds its seq', async () => {
    const outbox = new Outbox(store.sqlite)
    await outbox.submit(comment(0), OP)
    await outbox.submit(comment(1), OP)
    await store.sqlite.run('INSERT OR REPLACE INTO sync_state (id, cursor, resetting, updated_at) VALUES (1, 50, 0, 0)')
    const first = (await outbox.head())!
    expect(await outbox.settle(first, { status: 'duplicate', seq: 50, version: 2, incidentId: 'inc-0' })).toBe('done')
    const second = (await outbox.head())!
    expect(await outbox.settle(second, { status: 'applied', seq: 51, version: 2, incidentId: 'inc-1' })).toBe('done')
    // 50 is in the cache (the cursor): nothing left to overlay; 51 is not yet.
    expect((await outbox.entries()).map((e) => e.ackedSeq)).toEqual([51])
    expect(await outbox.conflicts()).toEqual([])
  })

  it.each(['rate_limited', 'unavailable'] as const)(
    'retries a command refused as %s (transient) at the head with backoff, never as a conflict',
    async (code) => {
      const outbox = new Outbox(store.sqlite, () => 1000)
      const sent = await outbox.submit(comment(0), OP)
      const head = (await outbox.head())!
      expect(await outbox.settle(head, { status: 'rejected', code, message: 'later', currentVersion: null })).toBe(
        'retry',
      )
      const again = (await outbox.head())!
      expect(again.command.commandId).toBe(sent.commandId)
      expect(again.attempts).toBe(1)
      expect(again.lastError).toBe(`${code}: later`)
      expect(again.nextAttemptAt).toBeGreaterThan(1000)
      expect(await outbox.conflicts()).toEqual([])
      expect(await outbox.pendingCount()).toBe(1)
    },
  )
})

describe('OutboxSender', () => {
  it('sends strictly in order, one at a time, retrying transient failures and skipping past rejections', async () => {
    const outbox = new Outbox(store.sqlite)
    const ids: string[] = []
    for (let i = 0; i < 8; i++) ids.push((await outbox.submit(comment(i), OP)).commandId)
    const seen: string[] = []
    let inFlight = 0
    let failures = 2
    const sender = new OutboxSender(outbox, () => undefined)
    const send = async (c: Command): Promise<CommandReply> => {
      expect(++inFlight).toBe(1)
      await new Promise((r) => setTimeout(r, 1))
      inFlight--
      if (c.commandId === ids[2] && failures-- > 0) throw new Error('timeout')
      seen.push(c.commandId)
      if (c.commandId === ids[4])
        return { status: 'rejected', code: 'invalid_transition', message: 'no', currentVersion: 3 }
      return { status: 'applied', seq: seen.length, version: 2, incidentId: c.incidentId }
    }
    sender.setTransport(send)
    await until(async () => (await outbox.pendingCount()) === 0)
    sender.stop()
    expect(seen).toEqual(ids)
    expect((await outbox.conflicts()).map((c) => c.commandId)).toEqual([ids[4]])
  })

  it('holds everything while offline and resumes when the link returns', async () => {
    const outbox = new Outbox(store.sqlite)
    const sender = new OutboxSender(outbox, () => undefined)
    for (let i = 0; i < 3; i++) await outbox.submit(comment(i), OP)
    sender.kick()
    await sender.idle()
    expect(await outbox.pendingCount()).toBe(3)
    sender.setTransport(async (c) => ({ status: 'duplicate', seq: 1, version: 2, incidentId: c.incidentId }))
    await until(async () => (await outbox.pendingCount()) === 0)
    sender.stop()
  })
})
