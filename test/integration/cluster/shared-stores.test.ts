import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  AUTH_PATHS,
  DEMO_TOKENS,
  MSG,
  type FrozenReport,
  type Problem,
  type ReportList,
  type RuleSetList,
  type SessionReply,
  type StoredRuleSet,
} from '@shared/protocol'
import { DEFAULT_RULE_SET } from '@shared/domain'
import type { RunningServer } from '../../../src/server/index'
import { ensureAccount, enrolSeat, post, signIn } from '../../support/auth-http'
import { freshDatabase } from '../../support/test-store'
import { client, quietServer, sync, tempDir, type ClientSocket } from '../server/helpers'

const OPERATOR = DEMO_TOKENS.operator.principal
const SUPERVISOR = DEMO_TOKENS.supervisor.token

const isProblem = (r: unknown): r is Problem => typeof r === 'object' && r !== null && 'code' in r && 'message' in r

function connectError(url: string, token: string): Promise<string> {
  return client(url, token).then(
    (s) => {
      s.close()
      return 'connected'
    },
    (err: Error) => err.message,
  )
}

/** Resolves when the socket is cut, with the problem the server said first. */
function cut(socket: ClientSocket): Promise<Problem | null> {
  return new Promise((resolve) => {
    let said: Problem | null = null
    socket.on(MSG.problem, (p) => (said = p))
    socket.once('disconnect', () => resolve(said))
  })
}

describe('one cluster, one set of accounts, sessions, rule sets and reports', () => {
  let a: RunningServer
  let b: RunningServer
  const dirs = [tempDir(), tempDir()]
  const sockets: ClientSocket[] = []
  beforeAll(async () => {
    const url = await freshDatabase()
    // The revocation poll is the documented one-second default, made shorter so the test is brief.
    a = await quietServer(dirs[0]!.dir, { store: url, revocationPollMs: 200 })
    b = await quietServer(dirs[1]!.dir, { store: url, revocationPollMs: 200 })
  })
  afterAll(async () => {
    for (const s of sockets) s.close()
    await Promise.all([a.close(), b.close()])
    dirs.forEach((d) => d.remove())
  })

  async function on(server: RunningServer, token: string): Promise<ClientSocket> {
    const s = await client(server.url, token, 'ws-claimed')
    sockets.push(s)
    return s
  }

  it('a session signed in on node A is valid on node B, and refreshes there', async () => {
    await ensureAccount(a, OPERATOR)
    expect((await b.admin.listUsers()).map((u) => u.principal.actorId)).toContain(OPERATOR.actorId)
    const seat = await enrolSeat(a, 'A 席')
    const signed = await signIn(a, seat, OPERATOR.actorId)
    expect(signed.status).toBe(200)
    const onB = await on(b, signed.body.accessToken)
    const state = await sync(onB, 0, b.serverId)
    expect(state.reply.serverId).toBe(a.serverId)

    const fresh = await post<SessionReply>(b.url, AUTH_PATHS.refresh, {
      ...seat,
      refreshToken: signed.body.refreshToken,
    })
    expect(fresh.status).toBe(200)
    expect(await connectError(a.url, fresh.body.accessToken)).toBe('connected')
    // The refresh on B spent the old refresh token on A too.
    const spent = await post(a.url, AUTH_PATHS.refresh, { ...seat, refreshToken: signed.body.refreshToken })
    expect(spent.body).toMatchObject({ error: { code: 'session_ended' } })
    const kinds = (await a.admin.audit(20)).map((r) => r.kind)
    expect(kinds).toEqual(expect.arrayContaining(['sign_in', 'refresh_refused', 'workstation_enrolled']))
  })

  it('two nodes refreshing one token at once: exactly one gets new tokens', async () => {
    const seat = await enrolSeat(b, 'race')
    const signed = await signIn(b, seat, OPERATOR.actorId)
    const both = await Promise.all(
      [a, b].map((n) =>
        post<SessionReply>(n.url, AUTH_PATHS.refresh, { ...seat, refreshToken: signed.body.refreshToken }),
      ),
    )
    expect(both.map((r) => r.status).sort()).toEqual([200, 401])
  })

  it('an account disabled on node A: its socket on node B is cut, and B refuses its tokens', async () => {
    const seat = await enrolSeat(a, 'revoked desk')
    const signed = await signIn(a, seat, OPERATOR.actorId)
    const onB = await on(b, signed.body.accessToken)
    await sync(onB, 0, b.serverId)
    const gone = cut(onB)
    await a.admin.disable(OPERATOR.actorId)
    // B's watch polls the shared revision (every revocationPollMs; 1 s by default) and cuts the socket.
    expect(await gone).toMatchObject({ code: 'session_ended', message: expect.stringContaining('account_disabled') })
    expect(await connectError(b.url, signed.body.accessToken)).toBe('unauthorized')
    const refused = await post(b.url, AUTH_PATHS.refresh, { ...seat, refreshToken: signed.body.refreshToken })
    expect(refused.body).toMatchObject({ error: { code: 'account_disabled' } })
    await a.admin.enable(OPERATOR.actorId)
  })

  it('a rule set saved and activated on node A is the active one on node B', async () => {
    const onA = await on(a, SUPERVISOR)
    const onB = await on(b, SUPERVISOR)
    const before = (await onB.emitWithAck(MSG.ruleSetGet, {})) as StoredRuleSet
    expect(before.ruleSet.version).toBe(DEFAULT_RULE_SET.version)
    const saved = await onA.emitWithAck(MSG.ruleSetSave, {
      ruleSet: { ...DEFAULT_RULE_SET, version: 'ZS-2026.9', name: '集群细则', minVolume: 9 },
      reason: '集群试行',
      activate: true,
    })
    if (isProblem(saved)) throw new Error(saved.message)
    const active = (await onB.emitWithAck(MSG.ruleSetGet, {})) as StoredRuleSet
    expect(active).toMatchObject({ revision: saved.revision, active: true, ruleSet: { minVolume: 9 } })
    // And back to revision 1, from B: A sees that at once.
    const back = await onB.emitWithAck(MSG.ruleSetActivate, { revision: 1, reason: '恢复' })
    expect(isProblem(back)).toBe(false)
    const list = (await onA.emitWithAck(MSG.ruleSetList, {})) as RuleSetList
    expect(list.active).toBe(1)
    expect(list.ruleSets.map((r) => r.version)).toEqual(['ZS-2026.9', DEFAULT_RULE_SET.version])
  })

  it('a report closed on node A is listed, read and re-closed as the next version on node B', async () => {
    const onA = await on(a, SUPERVISOR)
    const onB = await on(b, SUPERVISOR)
    const day = (t: number) => new Date(t + 8 * 3_600_000).toISOString().slice(0, 10)
    const period = { kind: 'custom', first: day(Date.now() - 86_400_000), last: day(Date.now()) } as const
    const first = await onA.emitWithAck(MSG.reportClose, { period, scope: 'all', reason: '集群关账' })
    if (isProblem(first)) throw new Error(first.message)
    const list = (await onB.emitWithAck(MSG.reportList, {})) as ReportList
    expect(list.reports.map((r) => r.id)).toEqual([first.id])
    const read = (await onB.emitWithAck(MSG.reportGet, { id: first.id })) as FrozenReport
    expect(read.body).toEqual(first.body)
    const second = await onB.emitWithAck(MSG.reportClose, { period, scope: 'all', reason: '更正' })
    if (isProblem(second)) throw new Error(second.message)
    expect(second).toMatchObject({ version: 2, previousId: first.id })
  })
})
