import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_TOKENS, LIMITS, MSG, type Problem } from '@shared/protocol'
import type { RunningServer } from '../../../src/server/index'
import { action, client, placeIn, quietServer, report, send, tempDir, type ClientSocket } from './helpers'

describe('commands over the sync socket', () => {
  const tmp = tempDir()
  let server: RunningServer
  let op: ClientSocket
  let op2: ClientSocket

  beforeAll(async () => {
    server = await quietServer(tmp.dir)
    op = await client(server.url, DEMO_TOKENS.operator.token, 'ws-1')
    op2 = await client(server.url, DEMO_TOKENS.supervisor.token, 'ws-2')
  })
  afterAll(async () => {
    op.close()
    op2.close()
    await server.close()
    tmp.remove()
  })

  it('applies a command sent twice once, and acknowledges both with the same result', async () => {
    const cmd = report()
    const before = server.headSeq()
    const [a, b] = await Promise.all([send(op, cmd), send(op, cmd)])
    const again = await send(op, cmd)
    expect(a.status).toBe('applied')
    for (const r of [b, again]) {
      expect(r).toMatchObject({ status: 'duplicate' })
      if (r.status !== 'rejected' && a.status !== 'rejected')
        expect({ seq: r.seq, version: r.version, incidentId: r.incidentId }).toEqual({
          seq: a.seq,
          version: a.version,
          incidentId: a.incidentId,
        })
    }
    // Command ids are per principal: another one sending the same command gets its own decision.
    expect(await send(op2, cmd)).toMatchObject({ status: 'rejected', code: 'already_exists' })
    expect(server.headSeq()).toBe(before + 1)
  })

  it('lets one of two operators dispatch an incident and gives the other stale_version with the current version', async () => {
    const created = report()
    const r = await send(op, created)
    expect(r.status).toBe('applied')
    const assignee = { kind: 'department' as const, id: 'fire' }
    const [first, second] = await Promise.all([
      send(op, action('dispatch', created.incidentId, 1, { assignee })),
      send(op2, action('dispatch', created.incidentId, 1, { assignee: { kind: 'department', id: 'police' } })),
    ])
    const replies = [first, second]
    const won = replies.filter((x) => x.status === 'applied')
    const lost = replies.filter((x) => x.status === 'rejected')
    expect(won).toHaveLength(1)
    expect(lost).toHaveLength(1)
    expect(lost[0]).toMatchObject({ status: 'rejected', code: 'stale_version', currentVersion: 2 })
    expect(server.incident(created.incidentId)?.status).toBe('dispatched')
  })

  it('refuses an operator acting outside their town', async () => {
    const henglan = await client(server.url, DEMO_TOKENS.henglanOperator.token, 'ws-hl')
    try {
      const outside = await send(henglan, report(placeIn('dongfeng')))
      expect(outside).toMatchObject({ status: 'rejected', code: 'out_of_scope' })
      const elsewhere = report(placeIn('xiaolan'))
      expect((await send(op, elsewhere)).status).toBe('applied')
      const accept = await send(henglan, action('accept', elsewhere.incidentId, 1, {}))
      expect(accept).toEqual({
        status: 'rejected',
        code: 'out_of_scope',
        message: 'the incident is outside your scope',
        currentVersion: null,
      })
      const inside = await send(henglan, report())
      expect(inside.status).toBe('applied')
    } finally {
      henglan.close()
    }
  })

  it('takes field reports from grid workers over the socket, within their town', async () => {
    const field = await client(server.url, DEMO_TOKENS.field.token, 'pda-1')
    try {
      const cmd = report({ source: 'patrol', title: '出租屋消防通道堵塞' })
      expect(await send(field, cmd)).toMatchObject({ status: 'applied', version: 1 })
      expect(server.incident(cmd.incidentId)).toMatchObject({
        reporterId: DEMO_TOKENS.field.principal.actorId,
        status: 'reported',
      })
      expect(await send(field, report(placeIn('shiqi')))).toMatchObject({
        code: 'out_of_scope',
      })
      expect(await send(field, action('accept', cmd.incidentId, 1, {}))).toMatchObject({ code: 'forbidden_role' })
    } finally {
      field.close()
    }
  })

  it('lets a department take up and resolve only what is dispatched to it (out_of_scope, or not_assignee once reassigned)', async () => {
    const fire = await client(server.url, DEMO_TOKENS.department.token, 'dept-desk')
    try {
      const theirs = report({ category: 'gas_safety' })
      const ours = report()
      const moved = report()
      for (const c of [theirs, ours, moved]) expect((await send(op, c)).status).toBe('applied')
      const to = (id: string) => ({ kind: 'department' as const, id })
      expect((await send(op, action('dispatch', theirs.incidentId, 1, { assignee: to('gas') }))).status).toBe('applied')
      expect((await send(op, action('dispatch', ours.incidentId, 1, { assignee: to('fire') }))).status).toBe('applied')
      expect((await send(op, action('dispatch', moved.incidentId, 1, { assignee: to('fire') }))).status).toBe('applied')

      // A case never sent to the unit is outside its read scope: refused, and nothing of it revealed.
      const head = server.headSeq()
      expect(await send(fire, action('acknowledge', theirs.incidentId, 2, {}))).toMatchObject({
        status: 'rejected',
        code: 'out_of_scope',
        currentVersion: null,
      })
      expect(await send(fire, action('resolve', theirs.incidentId, 2, { feedback: '已处置' }))).toMatchObject({
        status: 'rejected',
        code: 'out_of_scope',
      })
      expect(server.headSeq()).toBe(head)
      expect(server.incident(theirs.incidentId)).toMatchObject({ status: 'dispatched', version: 2 })

      // Its own case it takes up; one reassigned away from it it still reads but may no longer act on.
      expect(await send(fire, action('acknowledge', ours.incidentId, 2, {}))).toMatchObject({ status: 'applied' })
      expect((await send(op, action('reassign', moved.incidentId, 2, { assignee: to('gas') }))).status).toBe('applied')
      const before = server.headSeq()
      expect(await send(fire, action('acknowledge', moved.incidentId, 3, {}))).toMatchObject({
        status: 'rejected',
        code: 'not_assignee',
        currentVersion: 3,
      })
      expect(server.headSeq()).toBe(before)
      expect(server.incident(moved.incidentId)).toMatchObject({ status: 'dispatched', version: 3, assigneeId: 'gas' })
    } finally {
      fire.close()
    }
  })

  it('refuses the wall (read-only) and unknown tokens', async () => {
    const wall = await client(server.url, DEMO_TOKENS.wall.token, 'wall')
    try {
      expect(await send(wall, report())).toMatchObject({ status: 'rejected', code: 'read_only' })
    } finally {
      wall.close()
    }
    await expect(client(server.url, 'not-a-token')).rejects.toThrow(/unauthorized/)
  })

  it('answers malformed and oversized payloads with an error and keeps serving everyone else', async () => {
    const raw = op as unknown as {
      emitWithAck(ev: string, ...args: unknown[]): Promise<unknown>
      emit(ev: string, ...args: unknown[]): void
    }
    const problems: Problem[] = []
    op.on(MSG.problem, (p) => problems.push(p))

    expect(await raw.emitWithAck(MSG.command, { type: 'dispatch', nonsense: true })).toMatchObject({
      status: 'rejected',
      code: 'invalid_payload',
    })
    expect(await raw.emitWithAck(MSG.command, 'not even an object')).toMatchObject({
      status: 'rejected',
      code: 'invalid_payload',
    })
    const huge = report({ description: 'x'.repeat(LIMITS.commandBytes) })
    expect(await raw.emitWithAck(MSG.command, huge)).toMatchObject({ status: 'rejected', code: 'payload_too_large' })
    expect(await raw.emitWithAck(MSG.hello, { protocol: 99, cursor: -1 })).toMatchObject({ code: 'invalid_payload' })
    raw.emit(MSG.command, report()) // no ack callback
    raw.emit('drop_tables', {})
    await expect.poll(() => problems.map((p) => p.code)).toEqual(['protocol_error', 'protocol_error'])

    // A message over socket.io's own limit closes only that connection.
    const rogue = await client(server.url, DEMO_TOKENS.operator.token, 'rogue')
    const closed = new Promise<string>((resolve) => rogue.on('disconnect', (reason) => resolve(reason)))
    ;(rogue as unknown as { emit(ev: string, ...a: unknown[]): void }).emit(MSG.command, {
      blob: 'y'.repeat(LIMITS.messageBytes + 10),
    })
    expect(await closed).toBeTruthy()

    // Everyone else carries on.
    expect((await send(op, report())).status).toBe('applied')
    expect((await send(op2, report())).status).toBe('applied')
  })

  it('saves and returns a per-actor screen layout', async () => {
    const layout = {
      screens: [
        { display: 1, role: 'console' },
        { display: 2, role: 'map' },
      ],
    }
    expect(await op.emitWithAck(MSG.layoutSave, { layout })).toMatchObject({
      actorId: DEMO_TOKENS.operator.principal.actorId,
      layout,
    })
    expect(await op.emitWithAck(MSG.layoutGet, {})).toMatchObject({ layout })
    expect(await op2.emitWithAck(MSG.layoutGet, {})).toMatchObject({ layout: null, updatedAt: null })
  })

  it('serves reference data and components', async () => {
    const ref = await op.emitWithAck(MSG.reference, {})
    expect(ref.towns).toHaveLength(23)
    expect(ref.grids.filter((g) => g.level !== 'medium')).toHaveLength(1740)
    expect(ref.departments).toHaveLength(21)
    expect(ref.workers).toHaveLength(4355)
    const page = await op.emitWithAck(MSG.components, {
      townId: 'henglan',
      kind: 'rental_building',
      offset: 0,
      limit: 5000,
    })
    if ('code' in page) throw new Error(page.message)
    expect(page.total).toBe(3068)
    expect(page.components.filter((c) => (c.rooms ?? 0) >= 15)).toHaveLength(1919)
    expect(page.components.filter((c) => (c.rooms ?? 0) >= 15).every((c) => c.videoAccess)).toBe(true)
  })
})
