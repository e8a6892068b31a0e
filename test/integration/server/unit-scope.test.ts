import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Principal } from '@shared/domain'
import {
  DEMO_TOKEN_LIST,
  DEMO_TOKENS,
  MSG,
  PROTOCOL_VERSION,
  type LiveBatch,
  type SnapshotPage,
} from '@shared/protocol'
import type { RunningServer } from '../../../src/server/index'
import { action, client, quietServer, report, send, sync, tempDir, type ClientSocket } from './helpers'

const OPERATOR = DEMO_TOKENS.operator.principal
const SUPERVISOR = DEMO_TOKENS.supervisor.principal
const WATER: Principal = {
  actorId: 'dept-water',
  name: '水务',
  role: 'department',
  towns: '*',
  unit: { kind: 'department', id: 'water' },
}
const fire = { kind: 'department', id: 'fire' } as const
const water = { kind: 'department', id: 'water' } as const

describe('a department reads and acts on its unit’s cases only', () => {
  const tmp = tempDir()
  let server: RunningServer
  let fireDesk: ClientSocket
  let waterDesk: ClientSocket
  const fireCases: string[] = []
  const waterCases: string[] = []
  const undispatched: string[] = []

  const dispatched = async (to: typeof fire | typeof water) => {
    const r = report()
    expect((await server.submit(r, OPERATOR)).status).toBe('applied')
    const d = action('dispatch', r.incidentId, 1, { assignee: to })
    expect((await server.submit(d, OPERATOR)).status).toBe('applied')
    return r.incidentId
  }

  beforeAll(async () => {
    server = await quietServer(tmp.dir, {
      heartbeatMs: 50,
      tokens: [...DEMO_TOKEN_LIST, { token: 'test-water', principal: WATER }],
    })
    for (let i = 0; i < 5; i++) {
      fireCases.push(await dispatched(fire))
      waterCases.push(await dispatched(water))
      const r = report()
      expect((await server.submit(r, OPERATOR)).status).toBe('applied')
      undispatched.push(r.incidentId)
    }
    fireDesk = await client(server.url, DEMO_TOKENS.department.token, 'ws-fire')
    waterDesk = await client(server.url, 'test-water', 'ws-water')
  })
  afterAll(async () => {
    fireDesk.close()
    waterDesk.close()
    await server.close()
    tmp.remove()
  })

  it('catches up from a snapshot holding only the cases dispatched to its unit, even from an old cursor', async () => {
    const first = await sync(fireDesk, 0, null)
    expect(first.reply.mode).toBe('reset')
    expect(first.snapshot.map((i) => i.id).sort()).toEqual([...fireCases].sort())
    // Behind the head it never replays (a case dispatched since has earlier events): a reset again.
    const again = await sync(fireDesk, 3, server.serverId)
    expect(again.reply.mode).toBe('reset')
    expect(again.events).toEqual([])
    expect(again.snapshot.map((i) => i.id).sort()).toEqual([...fireCases].sort())
  })

  it('gets live only its cases’ events; a newly dispatched case is withheld so it catches up from a snapshot', async () => {
    await sync(fireDesk, server.headSeq(), server.serverId)
    const batches: LiveBatch[] = []
    fireDesk.on(MSG.events, (b) => batches.push(b))
    try {
      const theirs = action('comment', waterCases[0]!, 2, { text: '水务备注' })
      expect((await server.submit(theirs, OPERATOR)).status).toBe('applied')
      const ours = action('comment', fireCases[0]!, 2, { text: '消防备注' })
      expect((await server.submit(ours, OPERATOR)).status).toBe('applied')
      await expect.poll(() => batches.length).toBe(2)
      expect(batches[0]?.events).toEqual([])
      expect(batches[1]?.events.map((e) => e.incidentId)).toEqual([fireCases[0]])

      // A case newly dispatched to fire: its batch is not sent (its report never was), so the desk
      // sees a gap and says hello; the snapshot then holds the new case.
      const before = server.headSeq()
      const fresh = await dispatched(fire)
      const afterDispatch = server.headSeq()
      const follow = action('comment', waterCases[1]!, 2, { text: '之后' })
      expect((await server.submit(follow, OPERATOR)).status).toBe('applied')
      await expect.poll(() => batches.length).toBe(4) // the report's batch (empty) and the comment's
      expect(batches.some((b) => b.fromSeq === afterDispatch)).toBe(false)
      expect(batches[2]).toMatchObject({ events: [], fromSeq: before + 1 })
      const caught = await sync(fireDesk, before + 1, server.serverId)
      expect(caught.reply.mode).toBe('reset')
      expect(caught.snapshot.map((i) => i.id)).toContain(fresh)
      fireCases.push(fresh)
    } finally {
      fireDesk.off(MSG.events)
    }
  })

  it('sends another snapshot, not a replay, when a case is dispatched to the unit during its snapshot', async () => {
    const pages: SnapshotPage[] = []
    const replayed: string[] = []
    let fresh = ''
    fireDesk.off(MSG.snapshot).off(MSG.replay)
    fireDesk.on(MSG.replay, (page, ack) => {
      replayed.push(...page.events.map((e) => e.incidentId))
      ack()
    })
    const second = new Promise<void>((resolve) => {
      fireDesk.on(MSG.snapshot, (page, ack) => {
        pages.push(page)
        if (pages.length === 1) {
          // The log moves on before the first snapshot is acknowledged: a case is dispatched to fire.
          void dispatched(fire).then((id) => {
            fresh = id
            ack()
          })
          return
        }
        ack()
        if (page.done) resolve()
      })
    })
    await fireDesk.emitWithAck(MSG.hello, { protocol: PROTOCOL_VERSION, cursor: 0, serverId: null })
    await second
    expect(pages[0]?.incidents.map((i) => i.id)).not.toContain(fresh)
    expect(pages[1]?.incidents.map((i) => i.id)).toContain(fresh)
    expect(pages[1]?.seq).toBe(server.headSeq())
    expect(replayed).not.toContain(fresh)
    fireDesk.off(MSG.snapshot).off(MSG.replay)
    fireCases.push(fresh)
  })

  it('cannot act on another unit’s case, and is told nothing of it', async () => {
    const reply = await send(fireDesk, action('acknowledge', waterCases[2]!, null, {}))
    expect(reply).toEqual({
      status: 'rejected',
      code: 'out_of_scope',
      message: 'the incident is outside your scope',
      currentVersion: null,
    })
    const own = await send(fireDesk, action('acknowledge', fireCases[2]!, null, {}))
    expect(own.status).toBe('applied')
  })

  it('keeps reading a case it sent back, which then is another unit’s work', async () => {
    const id = fireCases[3]!
    expect(
      (await send(fireDesk, action('send_back', id, null, { reason: '属供水管网', suggested: water }))).status,
    ).toBe('applied')
    const decision = action('decide_request', id, null, { approve: true, reason: '同意改派水务' })
    expect((await server.submit(decision, SUPERVISOR)).status).toBe('applied')

    const fireView = await sync(fireDesk, 0, null)
    const sentBack = fireView.snapshot.find((i) => i.id === id)
    expect(sentBack).toMatchObject({ assigneeId: 'water', formerAssignees: [fire] })
    expect(sentBack?.sentBackFrom?.[0]).toMatchObject({ kind: 'department', id: 'fire', reason: '属供水管网' })
    const waterView = await sync(waterDesk, 0, null)
    expect(waterView.snapshot.map((i) => i.id)).toContain(id)
    expect(
      waterView.snapshot.some((i) => undispatched.includes(i.id) || (fireCases.includes(i.id) && i.id !== id)),
    ).toBe(false)
  })
})
