import { afterEach, describe, expect, it } from 'vitest'
import { SqliteDatabase } from '@infra/sqlite'
import { applyEvent, type Incident } from '@shared/domain'
import {
  DEMO_TOKENS,
  MSG,
  type FrozenReport,
  type Problem,
  type ReportCheck,
  type ReportList,
  type StoredRuleSet,
} from '@shared/protocol'
import { join } from 'node:path'
import type { RunningServer } from '../../../src/server/index'
import { computeReportBody } from '../../../src/server/assessment/compute'
import { STORE_FILE } from '../../../src/server/db/open'
import {
  action,
  client,
  districtReference,
  quietServer,
  report,
  send,
  sync,
  tempDir,
  type ClientSocket,
} from './helpers'

let server: RunningServer | null = null
let dir: ReturnType<typeof tempDir> | null = null
const sockets: ClientSocket[] = []
const NOW = Date.now()

afterEach(async () => {
  for (const s of sockets.splice(0)) s.close()
  await server?.close()
  server = null
  dir?.remove()
  dir = null
})

/** A server with a month of simulated history (the district's own cases, closed and open). */
async function start(dataDir?: string): Promise<RunningServer> {
  if (!dataDir) dir = tempDir()
  server = await quietServer(dataDir ?? (dir as ReturnType<typeof tempDir>).dir, {
    historyIncidents: 400,
    historyNow: NOW,
    seed: 'frozen-report-seed',
  })
  return server
}

async function as(token: string): Promise<ClientSocket> {
  const s = await client((server as RunningServer).url, token)
  sockets.push(s)
  return s
}

const isProblem = (r: unknown): r is Problem => typeof r === 'object' && r !== null && 'code' in r && 'message' in r
/** District (UTC+8) calendar day of an instant. */
const day = (t: number) => new Date(t + 8 * 3_600_000).toISOString().slice(0, 10)
/** The last 20 days of the history and today: well filled whatever day of the month the test runs. */
const month = { kind: 'custom', first: day(NOW - 20 * 86_400_000), last: day(NOW) } as const

async function close(s: ClientSocket, reason = '月度考核'): Promise<FrozenReport> {
  const reply = await s.emitWithAck(MSG.reportClose, { period: month, scope: 'all', reason })
  if (isProblem(reply)) throw new Error(`${reply.code}: ${reply.message}`)
  return reply
}

/** A change the month's figures notice: a new case, accepted and dispatched to a department. */
async function moveTheLog(s: ClientSocket): Promise<void> {
  const r = await send(s, report())
  if (r.status !== 'applied') throw new Error('report refused')
  const accepted = await send(s, action('accept', r.incidentId, r.version, {}))
  if (accepted.status !== 'applied') throw new Error('accept refused')
}

describe('frozen assessment reports', () => {
  it('records the log position and rule set, and recomputes to identical numbers from the log at that seq', async () => {
    await start()
    const sup = await as(DEMO_TOKENS.supervisor.token)
    const frozen = await close(sup)
    expect(frozen).toMatchObject({
      version: 1,
      previousId: null,
      scope: 'all',
      seq: server?.headSeq(),
      ruleSet: { revision: 1, version: 'ZS-2026.1' },
      authorId: 'sup-city-01',
    })
    expect(frozen.period.label).toBe(`${month.first}~${month.last}`)
    expect(frozen.body.leagues.map((l) => l.unitKind)).toEqual([
      'department',
      'team',
      'town',
      'medium_grid',
      'small_grid',
      'grid_worker',
      'operator',
    ])
    const towns = frozen.body.leagues.find((l) => l.unitKind === 'town')
    expect((towns?.ranked.length ?? 0) + (towns?.insufficient.length ?? 0)).toBeGreaterThan(5)
    expect(frozen.body.platform.closing?.judged ?? 0).toBeGreaterThan(0)

    // The log moves on after the close.
    await moveTheLog(sup)
    expect(server?.headSeq()).toBeGreaterThan(frozen.seq)

    // Anyone with the log can recompute it: replay from seq 1 to the report's seq, same definitions.
    const { events } = await sync(sup, 0, null)
    const state = new Map<string, Incident>()
    for (const e of events.filter((e) => e.seq <= frozen.seq))
      state.set(e.incidentId, applyEvent(state.get(e.incidentId) ?? null, e))
    expect(events.find((e) => e.seq === frozen.seq)?.hash).toBe(frozen.headHash)
    const rules = (await sup.emitWithAck(MSG.ruleSetGet, { revision: frozen.ruleSet.revision })) as StoredRuleSet
    const again = computeReportBody(state.values(), {
      ref: districtReference(),
      rules: rules.ruleSet,
      period: frozen.period,
      scope: 'all',
      at: frozen.evaluatedAt,
    })
    expect(JSON.parse(JSON.stringify(again))).toEqual(frozen.body)

    // The server's own check says the same.
    const check = (await sup.emitWithAck(MSG.reportVerify, { id: frozen.id })) as ReportCheck
    expect(check).toMatchObject({ ok: true, hashMatches: true, figuresMatch: true, problem: null })
  })

  it('never changes a report: a re-close is a new version naming the one it corrects', async () => {
    await start()
    const sup = await as(DEMO_TOKENS.supervisor.token)
    const first = await close(sup)
    await moveTheLog(sup)
    const second = await close(sup, '补录后更正')
    expect(second).toMatchObject({ version: 2, previousId: first.id, reason: '补录后更正' })
    expect(second.seq).toBeGreaterThan(first.seq)
    expect(second.body.platform.intake?.due).toBe((first.body.platform.intake?.due ?? 0) + 1)

    const kept = (await sup.emitWithAck(MSG.reportGet, { id: first.id })) as FrozenReport
    expect(kept).toEqual(first)
    const list = (await sup.emitWithAck(MSG.reportList, { periodLabel: first.period.label })) as ReportList
    expect(list.reports.map((r) => [r.id, r.version])).toEqual([
      [second.id, 2],
      [first.id, 1],
    ])
    expect(list.reports[0]).not.toHaveProperty('body')
  })

  it('lets only a supervisor close a period; a town-scoped desk may not read the district league', async () => {
    await start()
    const operator = await as(DEMO_TOKENS.operator.token)
    const refused = await operator.emitWithAck(MSG.reportClose, { period: month, scope: 'town', reason: '试' })
    expect(isProblem(refused) && refused.code).toBe('forbidden')
    expect(((await operator.emitWithAck(MSG.reportList, {})) as ReportList).reports).toEqual([])
    const henglan = await as(DEMO_TOKENS.henglanOperator.token)
    const list = await henglan.emitWithAck(MSG.reportList, {})
    expect(isProblem(list) && list.code).toBe('forbidden')
    const sup = await as(DEMO_TOKENS.supervisor.token)
    const bad = await sup.emitWithAck(MSG.reportClose, {
      period: { kind: 'custom', first: '2026-11-20', last: '2026-11-01' },
      scope: 'all',
      reason: '试',
    })
    expect(isProblem(bad) && bad.code).toBe('invalid_payload')
    expect(((await sup.emitWithAck(MSG.reportGet, { id: 42 })) as Problem).code).toBe('not_found')
  })

  it('a changed log no longer verifies against the report computed from it', async () => {
    await start()
    const sup = await as(DEMO_TOKENS.supervisor.token)
    const frozen = await close(sup)
    const kept = (dir as ReturnType<typeof tempDir>).dir
    for (const s of sockets.splice(0)) s.close()
    await server?.close()
    server = null
    // Someone moves a closure a month later inside the stored log (without the server).
    const db = await SqliteDatabase.open(join(kept, STORE_FILE))
    const target = await db.get("SELECT seq FROM events WHERE type = 'close' AND seq <= ? ORDER BY seq DESC LIMIT 1", [
      frozen.seq,
    ])
    expect(target).toBeTruthy()
    await db.run('UPDATE events SET server_time = server_time + 2592000000 WHERE seq = ?', [Number(target?.seq)])
    await db.close()

    await start(kept)
    const again = await as(DEMO_TOKENS.supervisor.token)
    const check = (await again.emitWithAck(MSG.reportVerify, { id: frozen.id })) as ReportCheck
    expect(check.ok).toBe(false)
    expect(check.problem).toContain(`seq ${String(target?.seq)}`)
  })
})
