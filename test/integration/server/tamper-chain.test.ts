import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SqliteDatabase } from '@infra/sqlite'
import { DEMO_TOKENS } from '@shared/protocol'
import { verifyStore } from '../../../src/server/index'
import { STORE_FILE } from '../../../src/server/db/open'
import { canonicalJson, eventHash } from '../../../src/server/log/hash'
import { action, quietServer, report, tempDir } from './helpers'

/**
 * Tamper evidence through the chain: someone who edits one event AND recomputes
 * its own hash (so the event checks out by itself) still breaks the link to the
 * next event, and `verify` names that next seq. This matters most for what the
 * projection does not hold (an accept note, a comment's text): there the
 * incidents table cannot give the edit away, only the chain can.
 */
describe('tamper evidence through the hash chain', () => {
  const tmp = tempDir()
  const file = join(tmp.dir, STORE_FILE)
  /** seq of each event by what it is. */
  const seqOf: Record<'report' | 'accept' | 'comment', number> = { report: 0, accept: 0, comment: 0 }
  let head = 0

  beforeAll(async () => {
    const server = await quietServer(tmp.dir)
    const op = DEMO_TOKENS.operator.principal
    const first = report({ title: '楼道堆放杂物' })
    const steps = [
      ['report', first],
      ['accept', action('accept', first.incidentId, 1, { note: '受理：请尽快处置' })],
      ['comment', action('comment', first.incidentId, 2, { text: '现场已拍照' })],
    ] as const
    for (const [name, command] of steps) {
      const reply = await server.submit(command, op)
      if (reply.status !== 'applied') throw new Error(`set-up: ${JSON.stringify(reply)}`)
      seqOf[name] = reply.seq
    }
    // Events after the ones tampered with, so each has a successor whose link can break.
    for (let i = 0; i < 3; i++) await server.submit(report(), op)
    head = server.headSeq()
    await server.close()
  })
  afterAll(() => tmp.remove())

  /** Rewrites event `seq`'s payload with `edit`, recomputes its own hash, and returns a function that undoes it. */
  async function forge(seq: number, edit: (payload: Record<string, unknown>) => void): Promise<() => Promise<void>> {
    const db = await SqliteDatabase.open(file)
    try {
      const row = await db.get('SELECT * FROM events WHERE seq = ?', [seq])
      if (!row) throw new Error(`no event ${seq}`)
      const payload = JSON.parse(String(row.payload)) as Record<string, unknown>
      edit(payload)
      const text = canonicalJson(payload)
      const hash = eventHash(
        {
          seq: Number(row.seq),
          incidentId: String(row.incident_id),
          type: String(row.type),
          actorId: String(row.actor_id),
          role: String(row.role),
          workstationId: (row.workstation_id as string | null) ?? null,
          serverTime: Number(row.server_time),
          issuedAt: row.issued_at == null ? null : Number(row.issued_at),
          commandId: (row.command_id as string | null) ?? null,
          version: Number(row.version),
          prevHash: String(row.prev_hash),
        },
        text,
      )
      expect(hash).not.toBe(row.hash) // the edit changed what the hash covers
      await db.run('UPDATE events SET payload = ?, hash = ? WHERE seq = ?', [text, hash, seq])
      return async () => {
        const back = await SqliteDatabase.open(file)
        try {
          await back.run('UPDATE events SET payload = ?, hash = ? WHERE seq = ?', [
            String(row.payload),
            String(row.hash),
            seq,
          ])
        } finally {
          await back.close()
        }
      }
    } finally {
      await db.close()
    }
  }

  it('verifies the untouched store', async () => {
    const r = await verifyStore(tmp.dir)
    expect(r).toMatchObject({ ok: true, headSeq: head, checked: head, problem: null, projectionChecked: true })
  })

  it.each([
    [
      'an accept note (not in the projection)',
      'accept',
      (p: Record<string, unknown>): void => void (p.note = '受理：无需处置'),
    ],
    [
      "a comment's text (not in the projection)",
      'comment',
      (p: Record<string, unknown>): void => void (p.text = '未见异常'),
    ],
    [
      "a report's title (also in the projection)",
      'report',
      (p: Record<string, unknown>): void => void (p.title = '一切正常'),
    ],
  ] as const)('names the next seq when %s is rewritten with its own hash recomputed', async (_what, event, edit) => {
    const seq = seqOf[event]
    const undo = await forge(seq, edit)
    try {
      const r = await verifyStore(tmp.dir)
      expect(r.ok).toBe(false)
      expect(r.problem?.seq).toBe(seq + 1)
      expect(r.problem?.reason).toMatch(/prevHash/)
      // Everything before the broken link checked out, and the walk stopped there.
      expect(r.checked).toBe(seq)
    } finally {
      await undo()
    }
    expect((await verifyStore(tmp.dir)).ok).toBe(true)
  })

  it('names the seq itself when its content changes and its hash does not', async () => {
    const db = await SqliteDatabase.open(file)
    const seq = seqOf.comment
    const row = await db.get('SELECT payload FROM events WHERE seq = ?', [seq])
    try {
      await db.run('UPDATE events SET payload = ? WHERE seq = ?', [canonicalJson({ text: '未见异常' }), seq])
      const r = await verifyStore(tmp.dir)
      expect(r).toMatchObject({ ok: false, problem: { seq } })
      expect(r.problem?.reason).toMatch(/hash does not match/)
    } finally {
      await db.run('UPDATE events SET payload = ? WHERE seq = ?', [String(row?.payload), seq])
      await db.close()
    }
  })

  it('names an incident whose stored row was edited while the log was left alone (the projection check)', async () => {
    const db = await SqliteDatabase.open(file)
    const row = await db.get('SELECT id, code, last_seq, data FROM incidents WHERE last_seq = ?', [seqOf.comment])
    try {
      if (!row) throw new Error('no incident row for the comment')
      const data = JSON.parse(String(row.data)) as Record<string, unknown>
      await db.run('UPDATE incidents SET data = ? WHERE id = ?', [
        JSON.stringify({ ...data, title: '一切正常' }),
        String(row.id),
      ])
      const r = await verifyStore(tmp.dir)
      // Every event checks out; only replaying the log shows the table lies.
      expect(r).toMatchObject({ ok: false, checked: head, problem: { seq: Number(row.last_seq) } })
      expect(r.problem?.reason).toBe(`incident ${String(row.code)} differs from the log`)
    } finally {
      await db.run('UPDATE incidents SET data = ? WHERE id = ?', [String(row?.data), String(row?.id)])
      await db.close()
    }
    expect((await verifyStore(tmp.dir)).ok).toBe(true)
  })
})
