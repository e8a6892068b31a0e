import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { citizenReportTitle, type Principal } from '@shared/domain'
import { DEMO_TOKEN_LIST, DEMO_TOKENS, MSG, type LiveBatch } from '@shared/protocol'
import type { RunningServer } from '../../../src/server/index'
import { action, client, placeIn, quietServer, report, send, sync, tempDir, type ClientSocket } from './helpers'

const OPERATOR = DEMO_TOKENS.operator.principal
const ALICE: Principal = { actorId: 'citizen-alice', name: '市民甲', role: 'citizen', towns: '*' }
const BOB: Principal = { actorId: 'citizen-bob', name: '市民乙', role: 'citizen', towns: '*' }

/** A citizen's own report, with only what Open311 lets a citizen set. */
function citizenReport(description: string) {
  return report({
    ...placeIn('henglan'),
    source: 'citizen_app',
    priority: 'normal',
    category: 'environment_sanitation',
    description,
    title: citizenReportTitle('environment_sanitation', description),
  })
}

/** Item 4 of the trust boundary over the sync socket: a citizen reads only its own reports. */
describe('a citizen principal’s read scope', () => {
  const tmp = tempDir()
  let server: RunningServer
  let alice: ClientSocket
  const hers: string[] = []

  beforeAll(async () => {
    server = await quietServer(tmp.dir, {
      heartbeatMs: 50,
      tokens: [
        ...DEMO_TOKEN_LIST,
        { token: 'citizen-alice-token', principal: ALICE },
        { token: 'citizen-bob-token', principal: BOB },
      ],
    })
    for (let i = 0; i < 4; i++) {
      const own = citizenReport(`垃圾堆积 ${i}`)
      expect((await server.submit(own, ALICE)).status).toBe('applied')
      hers.push(own.incidentId)
      expect((await server.submit(citizenReport(`占道 ${i}`), BOB)).status).toBe('applied')
      expect((await server.submit(report(placeIn('henglan')), OPERATOR)).status).toBe('applied')
    }
    // The command room works on one of hers: she follows her case.
    expect((await server.submit(action('accept', hers[0]!, 1, {}), OPERATOR)).status).toBe('applied')
    alice = await client(server.url, 'citizen-alice-token', 'alice-phone')
  })
  afterAll(async () => {
    alice.close()
    await server.close()
    tmp.remove()
  })

  it('replays and snapshots only her own reports and what happened to them', async () => {
    const replay = await sync(alice, 0, null)
    expect(replay.reply.mode).toBe('replay')
    expect(new Set(replay.events.map((e) => e.incidentId))).toEqual(new Set(hers))
    expect(replay.events).toHaveLength(5) // her four reports and the acceptance
    expect(replay.lastPage?.throughSeq).toBe(server.headSeq())

    const reset = await sync(alice, 3, 'another-server')
    expect(reset.snapshot.map((i) => i.id).sort()).toEqual([...hers].sort())
    expect(reset.snapshot.every((i) => i.reporterId === ALICE.actorId)).toBe(true)
  })

  it('streams only her cases live, and refuses her anything but a report', async () => {
    await sync(alice, server.headSeq(), server.serverId)
    const batches: LiveBatch[] = []
    alice.on(MSG.events, (b) => batches.push(b))
    const others = citizenReport('别人的')
    expect((await server.submit(others, BOB)).status).toBe('applied')
    const mine = citizenReport('我的新报告')
    expect(await send(alice, mine)).toMatchObject({ status: 'applied' })
    await expect.poll(() => batches.some((b) => b.events.some((e) => e.incidentId === mine.incidentId))).toBe(true)
    expect(batches.flatMap((b) => b.events).map((e) => e.incidentId)).toEqual([mine.incidentId])
    expect(batches.every((b) => typeof b.throughSeq === 'number')).toBe(true)

    // Acting on someone else's case tells her nothing about it.
    expect(await send(alice, action('comment', others.incidentId, 99, { text: '看看' }))).toEqual({
      status: 'rejected',
      code: 'forbidden_role',
      message: 'a citizen may only report',
      currentVersion: null,
    })
  })
})
