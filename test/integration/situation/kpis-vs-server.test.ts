import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SqliteDatabase } from '@infra/sqlite'
import { DEMO_TOKEN_LIST, DEMO_TOKENS } from '@shared/protocol'
import type { Aggregates } from '@shared/contract'
import { startServer, type RunningServer } from '../../../src/server/index'
import { createCore, type Core } from '../../../src/main/core/core'

/**
 * Every KPI the workstation computes (SQL over its cache, kept current by
 * deltas) equals an independent query over the central server's own store:
 * the server keeps each incident as a JSON document, so these queries read
 * json_extract(data, …) and share no code with the core's aggregates.
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const DAY = 86_400_000
const OFFSET = 8 * 3_600_000 // the district's days are cut at midnight China time

let server: RunningServer
let core: Core
let central: SqliteDatabase
const dirs: string[] = []

async function until(check: () => boolean | Promise<boolean>, ms = 60_000): Promise<void> {
  const end = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 50))
  }
}

const call = async <T>(name: string, args: object = {}): Promise<T> => {
  const out = await core.registry.call(name, args, { origin: 'internal', readOnly: false })
  if (!out.ok) throw new Error(out.error.message)
  return out.value as T
}

beforeAll(async () => {
  const s = await mkdtemp(path.join(tmpdir(), 'gc-sit-server-'))
  const c = await mkdtemp(path.join(tmpdir(), 'gc-sit-core-'))
  dirs.push(s, c)
  server = await startServer({
    dataDir: s,
    port: 0,
    historyIncidents: 1500,
    historyDays: 40,
    simulator: false,
    escalateEveryMs: null,
    migrationsFolder: path.join(ROOT, 'drizzle-server'),
    tokens: DEMO_TOKEN_LIST,
  })
  core = await createCore({
    dataDir: c,
    migrationsFolder: path.join(ROOT, 'drizzle'),
    host: 'browser',
    version: 'test',
    server: { url: server.url, token: DEMO_TOKENS.operator.token },
    embeddedServer: false,
  })
  await until(() => core.status.get().cursor === server.headSeq() && core.status.get().connection === 'online')
  central = await SqliteDatabase.open(path.join(s, 'central.sqlite'), { readonly: true })
}, 120_000)

afterAll(async () => {
  await central?.close()
  await core?.close()
  await server?.close()
  for (const d of dirs) await rm(d, { recursive: true, force: true })
})

/** Aggregates composed after the cache reached the server's head. */
async function settled(): Promise<Aggregates> {
  await until(async () => (await call<Aggregates>('aggregates.get')).cursor === server.headSeq())
  return call<Aggregates>('aggregates.get')
}

const j = (field: string) => `json_extract(data, '$.${field}')`
const OPEN = `${j('status')} NOT IN ('closed','rejected','merged')`
/**
 * The live clock of docs/assessment.md: the standing dispatch's deadline plus approved extensions
 * and the suspended time credited to it; a suspension counts as 缓办 only when it began before the
 * case was overdue.
 */
const DUE_AT = `(${j('firstDeadline')} + ${j('extendedMs')} + ${j('creditedSuspendedMs')})`
const IN_SUSPENSION = `(${j('suspended')} = 1 AND ${j('suspensionCredited')} = 1)`

async function n(where: string, params: (string | number)[] = []): Promise<number> {
  const row = await central.get(`SELECT count(*) AS n FROM incidents WHERE ${where}`, params)
  return Number(row?.n ?? 0)
}

function windowOf(now: number) {
  const today = Math.floor((now + OFFSET) / DAY) * DAY - OFFSET
  return { today, start: today - 29 * DAY }
}

async function expectKpisMatch(a: Aggregates): Promise<void> {
  const now = a.computedAt
  const { today, start } = windowOf(now)
  expect(a.todayStart).toBe(today)
  expect(a.windowStart).toBe(start)
  const win = `${j('reportedAt')} >= ${start}`
  const closed = await n(`${win} AND ${j('status')} = 'closed' AND ${j('dispatchedAt')} IS NOT NULL`)
  const closedOnTime = await n(
    `${win} AND ${j('status')} = 'closed' AND ${j('dispatchedAt')} IS NOT NULL AND ${j('closedAt')} <= ${DUE_AT}`,
  )
  // Open cases past due count wherever they were reported (an old overdue case stays in).
  const late = await n(`${OPEN} AND NOT ${IN_SUSPENSION} AND ${DUE_AT} < ?`, [now])
  const suspendedDue = await n(`${OPEN} AND ${IN_SUSPENSION} AND ${DUE_AT} < ?`, [now])
  const due = closed + late + suspendedDue
  const k = a.kpis
  expect(k.reportedToday).toBe(await n(`${j('reportedAt')} >= ?`, [today]))
  expect(k.open).toBe(await n(OPEN))
  expect(k.overdue).toBe(late)
  expect(k.suspended).toBe(await n(`${OPEN} AND ${j('suspended')} = 1`))
  expect(k.reported).toBe(await n(win))
  expect(k.closed).toBe(closed)
  expect(k.closedOnTime).toBe(closedOnTime)
  expect(k.assessed).toBe(due - suspendedDue)
  expect(k.completionRate).toBe(due - suspendedDue > 0 ? closed / (due - suspendedDue) : null)
  expect(k.onTimeRate).toBe(due - suspendedDue > 0 ? closedOnTime / (due - suspendedDue) : null)
  const rework = await central.get(`SELECT coalesce(sum(${j('reworkCount')}), 0) AS n FROM incidents WHERE ${win}`)
  expect(k.reworkCount).toBe(Number(rework?.n))
  expect(k.reworked).toBe(await n(`${win} AND ${j('reworkCount')} > 0`))
  for (const [cat, r] of [
    ['fire_safety', k.fire],
    ['gas_safety', k.gas],
  ] as const) {
    // Hazards due for rectification: closed ones reported in the window, and the late open ones.
    const rectified = await n(
      `${win} AND category = ? AND ${j('status')} = 'closed' AND ${j('dispatchedAt')} IS NOT NULL`,
      [cat],
    )
    const found =
      rectified + (await n(`category = ? AND ${OPEN} AND NOT ${IN_SUSPENSION} AND ${DUE_AT} < ?`, [cat, now]))
    expect(r).toEqual({ found, rectified, rate: found > 0 ? rectified / found : null })
  }
}

describe('situation KPIs against the central server’s own store', () => {
  it('every headline figure matches', async () => {
    const a = await settled()
    await expectKpisMatch(a)
    const k = a.kpis
    // The history is big enough for every figure to mean something.
    expect(k.reported).toBeGreaterThan(500)
    expect(k.closed).toBeGreaterThan(100)
    expect(k.open).toBeGreaterThan(0)
  })

  it('trends, breakdowns and league tables match', async () => {
    const a = await settled()
    for (const d of a.daily) {
      expect(d.reported).toBe(await n(`${j('reportedAt')} >= ? AND ${j('reportedAt')} < ?`, [d.from, d.to]))
      expect(d.closed).toBe(await n(`${j('closedAt')} >= ? AND ${j('closedAt')} < ?`, [d.from, d.to]))
    }
    for (const h of a.hourly) {
      expect(h.reported).toBe(await n(`${j('reportedAt')} >= ? AND ${j('reportedAt')} < ?`, [h.from, h.to]))
      expect(h.closed).toBe(await n(`${j('closedAt')} >= ? AND ${j('closedAt')} < ?`, [h.from, h.to]))
    }
    const win = `${j('reportedAt')} >= ${a.windowStart}`
    for (const c of a.byCategory) {
      expect(c.reported).toBe(await n(`${win} AND category = ?`, [c.category]))
      expect(c.open).toBe(await n(`${OPEN} AND category = ?`, [c.category]))
    }
    expect(a.byArea.reduce((s, r) => s + r.reported, 0)).toBe(a.kpis.reported)
    for (const t of a.towns) {
      expect(t.reported).toBe(await n(`${win} AND town_id = ?`, [t.id]))
      expect(t.closed).toBe(await n(`${win} AND town_id = ? AND ${j('status')} = 'closed'`, [t.id]))
      expect(t.open).toBe(await n(`${OPEN} AND town_id = ?`, [t.id]))
    }
    for (const d of a.departments) {
      const dept = `${j('assigneeKind')} = 'department' AND ${j('assigneeId')} = ?`
      expect(d.closed).toBe(await n(`${win} AND ${dept} AND ${j('status')} = 'closed'`, [d.id]))
      expect(d.open).toBe(await n(`${OPEN} AND ${dept}`, [d.id]))
    }
  })

  it('stays equal as the stream moves (deltas, not recomputes), and drill-downs return exactly the counted ids', async () => {
    const before = await settled()
    // Live traffic as the field and the command room make it: new reports, some accepted and dispatched at once.
    const who = { actorId: 'op', name: 'op', role: 'supervisor' as const, towns: '*' as const }
    const grids = server.reference.grids.filter((g) => g.level !== 'medium').slice(0, 30)
    for (const [i, g] of grids.entries()) {
      const incidentId = `sit-${i}-${Date.now()}`
      const cmd = (type: string, expectedVersion: number | null, payload: object) =>
        server.submit(
          { commandId: crypto.randomUUID(), type, incidentId, expectedVersion, payload, issuedAt: Date.now() } as never,
          who,
        )
      await cmd('report', null, {
        title: `巡查发现隐患 ${i}`,
        description: '',
        category: i % 2 ? 'fire_safety' : 'gas_safety',
        priority: 'urgent',
        source: 'patrol',
        townId: g.townId,
        gridId: g.id,
        componentId: null,
        lat: g.lat,
        lng: g.lng,
        address: g.name,
      })
      if (i % 3 === 0) await cmd('accept', 1, {})
      if (i % 3 === 0)
        await cmd('dispatch', 2, { assignee: { kind: 'department', id: 'fire' }, deadline: Date.now() - 1000 })
    }
    const after = await settled()
    expect(after.version).toBeGreaterThan(before.version)
    await expectKpisMatch(after)
    const overdue = await call<{ ids: string[]; total: number }>('situation.drill', { key: { metric: 'overdue' } })
    const now = Date.now()
    const serverOverdue = (
      await central.all(`SELECT id FROM incidents WHERE ${OPEN} AND NOT ${IN_SUSPENSION} AND ${DUE_AT} < ?`, [now])
    ).map((r) => String(r.id))
    expect([...overdue.ids].sort()).toEqual(serverOverdue.sort())
    const assessed = await call<{ ids: string[] }>('situation.drill', { key: { metric: 'assessed' } })
    expect(assessed.ids.length).toBe(after.kpis.assessed)
  })
})
