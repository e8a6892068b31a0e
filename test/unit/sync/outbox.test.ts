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

describe('Outbox bookkeeping', () => {
  it('refuses a report with a version and anything from a wall, and audits every submit', async () => {
    const outbox = new Outbox(store.sqlite, () => 777)
    const report = {
      type: 'report' as const,
      incidentId: 'new-1',
      payload: {
        title: '井盖缺失',
        description: '',
        category: 'city_components',
        priority: 'high',
        source: 'patrol',
        townId: 'henglan',
        gridId: 'g1',
        componentId: null,
        lat: 22.5,
        lng: 113.3,
        address: '路口',
      },
    }
    await expect(outbox.submit({ ...report, expectedVersion: 1 }, OP)).rejects.toMatchObject({ code: 'invalid_args' })
    const wall: Principal = { actorId: 'wall', name: 'wall', role: 'wall', towns: '*' }
    await expect(outbox.submit(comment(0), wall)).rejects.toMatchObject({ code: 'forbidden' })
    await expect(
      outbox.submit({ type: 'comment', incidentId: 'x', expectedVersion: 1, payload: { text: '  ' } }, OP),
    ).rejects.toMatchObject({ code: 'invalid_args', issues: [{ path: 'payload.text', message: expect.any(String) }] })
    expect(await outbox.pendingCount()).toBe(0)
    const cmd = await outbox.submit({ ...report, expectedVersion: null }, null, 'redo')
    expect(cmd).toMatchObject({ type: 'report', incidentId: 'new-1', expectedVersion: null, issuedAt: 777 })
    expect(cmd.commandId).toMatch(/^[0-9a-f-]{36}$/)
    const [entry] = await outbox.entries()
    expect(entry).toEqual({
      seq: expect.any(Number),
      command: cmd,
      principal: null,
      attempts: 0,
      lastError: null,
      nextAttemptAt: 0,
      ackedSeq: null,
    })
    expect(await outbox.pending()).toEqual([
      { commandId: cmd.commandId, type: 'report', incidentId: 'new-1', issuedAt: 777, attempts: 0, lastError: null },
    ])
    expect(
      await store.sqlite.all('SELECT at, action, command_id, incident_id, actor_id, detail FROM action_audit'),
    ).toEqual([
      {
        at: expect.any(Number),
        action: 'redo',
        command_id: cmd.commandId,
        incident_id: 'new-1',
        actor_id: null,
        detail: '{"type":"report"}',
      },
    ])
  })

  it('lists entries for some incidents only, and none for none', async () => {
    const outbox = new Outbox(store.sqlite)
    for (let i = 0; i < 6; i++) await outbox.submit(comment(i), OP)
    expect((await outbox.entries(['inc-1'])).map((e) => e.command.payload)).toEqual([{ text: 'c1' }, { text: 'c4' }])
    expect((await outbox.entries(['inc-0', 'inc-2'])).length).toBe(4)
    expect(await outbox.entries([])).toEqual([])
  })

  it('records a rejection as a conflict with what the operator needs, once', async () => {
    let clock = 5000
    const outbox = new Outbox(store.sqlite, () => clock)
    const cmd = await outbox.submit(comment(1), OP)
    const head = (await outbox.head())!
    const no = {
      status: 'rejected' as const,
      code: 'invalid_transition' as const,
      message: 'closed already',
      currentVersion: 9,
    }
    clock = 6000
    expect(await outbox.settle(head, no)).toBe('conflict')
    expect(await outbox.settle(head, no)).toBe('conflict') // a second answer changes nothing
    expect(await outbox.conflicts()).toEqual([
      {
        id: cmd.commandId,
        commandId: cmd.commandId,
        type: 'comment',
        incidentId: 'inc-1',
        incidentCode: null,
        payload: { text: 'c1' },
        code: 'invalid_transition',
        message: 'closed already',
        currentVersion: 9,
        issuedAt: 5000,
        rejectedAt: 6000,
      },
    ])
    expect(await outbox.conflictCount()).toBe(1)
    expect(await outbox.pendingCount()).toBe(0)
    const audit = await store.sqlite.all("SELECT action, detail FROM action_audit WHERE action = 'rejected'")
    expect(audit[0]).toEqual({ action: 'rejected', detail: '{"code":"invalid_transition","message":"closed already"}' })
  })

  it('dismisses a conflict once, audited with who did it', async () => {
    const outbox = new Outbox(store.sqlite, () => 1)
    const cmd = await outbox.submit(comment(0), OP)
    await outbox.settle((await outbox.head())!, {
      status: 'rejected',
      code: 'stale_version',
      message: 'moved',
      currentVersion: 2,
    })
    expect(await outbox.dismiss(cmd.commandId, 'op-1')).toBe(true)
    expect(await outbox.dismiss(cmd.commandId, 'op-1')).toBe(false)
    expect(await outbox.dismiss('nope', 'op-1')).toBe(false)
    expect(await outbox.conflicts()).toEqual([])
    expect(await outbox.conflictCount()).toBe(0)
    expect(await store.sqlite.all("SELECT command_id, actor_id FROM action_audit WHERE action = 'dismiss'")).toEqual([
      { command_id: cmd.commandId, actor_id: 'op-1' },
    ])
  })

  it('redoes a conflict against the cached version, or the one the server named, and never for a report', async () => {
    const outbox = new Outbox(store.sqlite)
    const reject = { status: 'rejected' as const, code: 'stale_version' as const, message: 'moved', currentVersion: 6 }
    const a = await outbox.submit({ ...comment(0), incidentId: 'cached' }, OP)
    await outbox.settle((await outbox.head())!, reject)
    await store.sqlite.run(
      `INSERT INTO incidents (id, code, title, description, category, priority, source, status, town_id, grid_id, lat, lng, address, reporter_id, reported_at, suspended, suspended_ms, escalation_level, rework_count, version, updated_at, last_seq)
       VALUES ('cached', 'ZS-1', 't', '', 'fire_safety', 'normal', 'patrol', 'accepted', 'henglan', 'g', 0, 0, '', 'r', 0, 0, 0, 0, 0, 8, 0, 8)`,
    )
    expect((await outbox.conflicts())[0]?.incidentCode).toBe('ZS-1')
    expect((await outbox.redo(a.commandId, OP)).expectedVersion).toBe(8)
    const b = await outbox.submit(comment(1), OP)
    await outbox.settle(
      (await outbox.entries()).find((e) => e.command.commandId === b.commandId)!,
      reject,
    )
    expect((await outbox.redo(b.commandId, OP)).expectedVersion).toBe(6)
    // A report names no version, even for a case the cache holds.
    const r = await outbox.submit(
      {
        type: 'report',
        incidentId: 'cached',
        expectedVersion: null,
        payload: {
          title: '重报',
          description: '',
          category: 'fire_safety',
          priority: 'normal',
          source: 'patrol',
          townId: 'henglan',
          gridId: 'g',
          componentId: null,
          lat: 0,
          lng: 0,
          address: '',
        },
      },
      OP,
    )
    await outbox.settle(
      (await outbox.entries()).find((e) => e.command.commandId === r.commandId)!,
      {
        ...reject,
        code: 'already_exists',
        currentVersion: 8,
      },
    )
    expect((await outbox.redo(r.commandId, OP)).expectedVersion).toBeNull()
    await expect(outbox.redo('no-such-conflict', OP)).rejects.toMatchObject({ code: 'not_found' })
    expect(await outbox.conflicts()).toEqual([])
    const audit = await store.sqlite.all("SELECT count(*) AS n FROM action_audit WHERE action = 'redo'")
    expect(audit[0]?.n).toBe(3)
  })

  it('counts each failed send, backs off longer each time, and makes everything due when the link is new', async () => {
    const outbox = new Outbox(store.sqlite, () => 10_000)
    await outbox.submit(comment(0), OP)
    await outbox.submit(comment(1), OP)
    const head = (await outbox.head())!
    const at1 = await outbox.retryLater(head, 'x'.repeat(600))
    const once = (await outbox.head())!
    expect(once).toMatchObject({ attempts: 1, nextAttemptAt: at1 })
    expect(once.lastError).toHaveLength(500)
    expect(at1).toBeGreaterThanOrEqual(10_000 + 250)
    expect(at1).toBeLessThanOrEqual(10_000 + 500)
    const at2 = await outbox.retryLater(once, 'timeout')
    expect((await outbox.head())!.attempts).toBe(2)
    expect(at2).toBeGreaterThanOrEqual(10_000 + 500)
    // An accepted one keeps its time; the waiting ones become due.
    await outbox.settle((await outbox.entries())[1]!, { status: 'applied', seq: 3, version: 2, incidentId: 'inc-1' })
    await outbox.resetBackoff()
    expect((await outbox.entries()).map((e) => [e.nextAttemptAt, e.attempts])).toEqual([
      [0, 2],
      [0, 0],
    ])
  })
})

describe('OutboxSender timing and failures', () => {
  it('waits out a backoff, then sends; a new link sends at once', async () => {
    // The clock is the test's: the sender sees time pass only when the test moves it.
    let clock = 100_000
    const outbox = new Outbox(store.sqlite, () => clock)
    const cmd = await outbox.submit(comment(0), OP)
    await outbox.retryLater((await outbox.head())!, 'timeout') // due in 250–500 ms of this clock
    const sent: string[] = []
    const outcomes: string[] = []
    const sender = new OutboxSender(
      outbox,
      (o) => outcomes.push(`${o.result}:${o.incidentId}`),
      () => clock,
    )
    const send = async (c: Command): Promise<CommandReply> => {
      sent.push(c.commandId)
      return { status: 'applied', seq: 1, version: 2, incidentId: c.incidentId }
    }
    // A transport, but the head is not due: nothing goes however often the sender wakes.
    ;(sender as unknown as { send: typeof send }).send = send
    sender.kick()
    await sender.idle()
    await new Promise((r) => setTimeout(r, 600))
    await sender.idle()
    expect(sent).toEqual([])
    clock += 500
    await until(() => outcomes.length === 1)
    expect(sent).toEqual([cmd.commandId])
    expect(outcomes).toEqual(['done:inc-0'])
    // Another that failed and waits: a fresh transport resets its backoff.
    const c2 = await outbox.submit(comment(1), OP)
    await outbox.retryLater(
      (await outbox.entries()).find((e) => e.command.commandId === c2.commandId)!,
      'timeout',
    )
    sender.setTransport(send)
    await until(() => sent.length === 2)
    expect(sent[1]).toBe(c2.commandId)
    sender.stop()
  })

  it('keeps a command whose send failed at the head, tells the listener, and retries it', async () => {
    const outbox = new Outbox(store.sqlite)
    await outbox.submit(comment(0), OP)
    const outcomes: string[] = []
    const sender = new OutboxSender(outbox, (o) => outcomes.push(o.result))
    let calls = 0
    sender.setTransport(async (c) => {
      if (++calls === 1) throw new Error('link dropped')
      if (calls === 2) return { status: 'rejected', code: 'rate_limited', message: 'later', currentVersion: null }
      return { status: 'applied', seq: 1, version: 2, incidentId: c.incidentId }
    })
    await until(() => outcomes.length === 3)
    sender.stop()
    expect(outcomes).toEqual(['retry', 'retry', 'done'])
    expect(await outbox.pendingCount()).toBe(0)
    const audit = await store.sqlite.all("SELECT action FROM action_audit WHERE action <> 'submit'")
    expect(audit.map((r) => r.action)).toEqual(['applied'])
  })

  it('sends nothing once stopped or without a link', async () => {
    const outbox = new Outbox(store.sqlite)
    await outbox.submit(comment(0), OP)
    const sent: string[] = []
    const send = async (c: Command): Promise<CommandReply> => {
      sent.push(c.commandId)
      return { status: 'applied', seq: 1, version: 2, incidentId: c.incidentId }
    }
    const sender = new OutboxSender(outbox, () => undefined)
    sender.setTransport(send)
    sender.setTransport(null)
    sender.kick()
    await sender.idle()
    await new Promise((r) => setTimeout(r, 50))
    expect(sent).toEqual([])
    sender.stop()
    sender.setTransport(send)
    sender.kick()
    await sender.idle()
    await new Promise((r) => setTimeout(r, 50))
    expect(sent).toEqual([])
  })

  it('comes back by itself when the store fails under it', async () => {
    const outbox = new Outbox(store.sqlite)
    await outbox.submit(comment(0), OP)
    let broken = true
    const head = outbox.head.bind(outbox)
    outbox.head = () => (broken ? Promise.reject(new Error('SQLITE_BUSY')) : head())
    const sender = new OutboxSender(outbox, () => undefined)
    sender.setTransport(async (c) => ({ status: 'applied', seq: 1, version: 2, incidentId: c.incidentId }))
    await sender.idle()
    broken = false
    await until(async () => (await outbox.pendingCount()) === 0)
    sender.stop()
  })
})
