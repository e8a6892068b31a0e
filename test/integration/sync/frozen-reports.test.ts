import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import type { AssessmentDocument, ContractErrorData, ExportedFile, FrozenReportListing } from '@shared/contract'
import { DEMO_TOKENS, type FrozenReport, type ReportCheck } from '@shared/protocol'
import type { RunningServer } from '../../../src/server/index'
import type { Core } from '../../../src/main/core/core'
import { action, client, quietServer, report, send } from '../server/helpers'
import { closeQuietly, perTestDirs, startCore, until } from './fixtures/harness'

let server: RunningServer | null = null
let core: Core | null = null
const tempDir = perTestDirs(() => closeQuietly(core, server))
const ctx = { origin: 'internal', readOnly: false } as const
const NOW = Date.now()
/** District (UTC+8) calendar day of an instant. */
const day = (t: number) => new Date(t + 8 * 3_600_000).toISOString().slice(0, 10)
const period = { kind: 'custom', first: day(NOW - 20 * 86_400_000), last: day(NOW) } as const

async function ask<T>(c: Core, name: string, args: unknown): Promise<T> {
  const r = await c.registry.call(name, args, ctx)
  if (!r.ok) throw Object.assign(new Error(r.error.message), { data: r.error })
  return r.value as T
}

async function failure(c: Core, name: string, args: unknown): Promise<ContractErrorData> {
  const r = await c.registry.call(name, args, ctx)
  if (r.ok) throw new Error(`${name} succeeded`)
  return r.error
}

describe('frozen reports on the workstation (over a real server on loopback)', () => {
  it('closes a period, lists it, opens its frozen numbers, verifies it, and exports them with its log position', async () => {
    const s = await tempDir()
    const c = await tempDir()
    server = await quietServer(s.dir, { historyIncidents: 300, historyNow: NOW, seed: 'ws-frozen-reports' })
    const srv = server
    core = await startCore(c.dir, srv.url, DEMO_TOKENS.supervisor.token)
    const live = core
    await until(() => live.status.get().connection === 'online' && live.status.get().cursor === srv.headSeq())

    const closed = await ask<FrozenReport>(live, 'assessment.closePeriod', { period, scope: 'all', reason: '月度考核' })
    expect(closed).toMatchObject({ version: 1, previousId: null, seq: srv.headSeq(), authorId: 'sup-city-01' })
    expect(closed.body.leagues.map((l) => l.unitKind)).toHaveLength(7)

    const list = await ask<FrozenReportListing>(live, 'assessment.frozenList', { periodLabel: closed.period.label })
    expect(list.reports.map((r) => [r.id, r.version, r.seq, r.headHash])).toEqual([
      [closed.id, 1, closed.seq, closed.headHash],
    ])
    // Who closed it, by the name the server's account list gives (the panel shows it, not the id).
    expect(list.names).toEqual({ 'sup-city-01': DEMO_TOKENS.supervisor.principal.name })
    expect(await ask<FrozenReport>(live, 'assessment.frozenGet', { id: closed.id })).toEqual(closed)
    expect(await ask<ReportCheck>(live, 'assessment.frozenVerify', { id: closed.id })).toMatchObject({
      ok: true,
      hashMatches: true,
      figuresMatch: true,
    })

    // The log moves on: a new case, accepted. Today's recomputation names the new position; the
    // frozen report's document keeps its own seq, head hash and numbers.
    const sock = await client(srv.url, DEMO_TOKENS.operator.token)
    const r = await send(sock, report())
    if (r.status !== 'applied') throw new Error('report refused')
    await send(sock, action('accept', r.incidentId, r.version, {}))
    sock.close()
    await until(() => live.status.get().cursor === srv.headSeq())
    expect(srv.headSeq()).toBeGreaterThan(closed.seq)

    const frozenDoc = await ask<AssessmentDocument>(live, 'assessment.document', {
      source: { kind: 'frozen', id: closed.id },
      locale: 'zh-CN',
    })
    expect(frozenDoc.position).toEqual({ seq: closed.seq, headHash: closed.headHash })
    expect(frozenDoc.frozen).toMatchObject({ id: closed.id, version: 1, reason: '月度考核' })
    expect(frozenDoc.ruleSet).toEqual({ version: closed.ruleSet.version, revision: closed.ruleSet.revision })
    for (const [i, league] of frozenDoc.leagues.entries()) {
      const body = closed.body.leagues[i]!
      expect(league.unitKind).toBe(body.unitKind)
      expect(league.ranked.map((u) => [u.id, u.rank, u.score])).toEqual(body.ranked.map((u) => [u.id, u.rank, u.score]))
    }
    const liveDoc = await ask<AssessmentDocument>(live, 'assessment.document', {
      source: { kind: 'live', period },
      locale: 'zh-CN',
    })
    expect(liveDoc.position).toEqual({ seq: srv.headSeq(), headHash: null })
    expect(liveDoc.frozen).toBeNull()

    // The XLSX of the frozen report: its seq and head hash on the cover, its frozen scores in the sheets.
    const file = await ask<ExportedFile>(live, 'assessment.exportXlsx', {
      source: { kind: 'frozen', id: closed.id },
      locale: 'zh-CN',
    })
    expect(file.fileName).toMatch(/\.xlsx$/)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ExcelJS.Buffer)
    const cover = book.getWorksheet('封面')!
    const fields = new Map<string, unknown>()
    cover.eachRow((row) => fields.set(String(row.getCell(1).value), row.getCell(2).value))
    expect(fields.get('序号')).toBe(closed.seq)
    expect(fields.get('头部哈希')).toBe(closed.headHash)
    const towns = book.getWorksheet('镇街')!
    const townBody = closed.body.leagues.find((l) => l.unitKind === 'town')!
    expect(townBody.ranked.length).toBeGreaterThan(0)
    townBody.ranked.forEach((u, i) => {
      const row = towns.getRow(i + 2)
      expect(row.getCell(3).value).toBe(u.id)
      expect(row.getCell(4).value).toBe(u.score)
    })

    // A correction needs a reason; with one it is the next version, naming the one it corrects.
    expect((await failure(live, 'assessment.closePeriod', { period, scope: 'all', reason: ' ' })).code).toBe(
      'invalid_args',
    )
    const corrected = await ask<FrozenReport>(live, 'assessment.closePeriod', {
      period,
      scope: 'all',
      reason: '补录迟到事件后更正',
    })
    expect(corrected).toMatchObject({ version: 2, previousId: closed.id, seq: srv.headSeq() })
  })

  it('refuses with a clear error while the central server cannot be reached, and passes on the server’s refusals', async () => {
    const s = await tempDir()
    const c = await tempDir()
    core = await startCore(c.dir, null)
    const offline = await failure(core, 'assessment.frozenList', {})
    expect(offline.code).toBe('unavailable')
    expect(offline.message).toContain('需要连接中心服务器')
    await core.close()

    server = await quietServer(s.dir)
    const srv = server
    core = await startCore(c.dir, srv.url, DEMO_TOKENS.operator.token)
    const op = core
    await until(() => op.status.get().connection === 'online')
    // An operator reads reports but does not close periods; an unknown report is not found.
    expect((await failure(op, 'assessment.closePeriod', { period, scope: 'town', reason: '试' })).code).toBe(
      'forbidden',
    )
    expect((await failure(op, 'assessment.frozenGet', { id: 999 })).code).toBe('not_found')
  })
})
