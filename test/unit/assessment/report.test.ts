import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SqliteDatabase } from '@infra/sqlite'
import type { AssessmentCases, AssessmentReport } from '@shared/contract'
import { DEFAULT_RULE_SET, UNIT_KINDS, type Incident } from '@shared/domain'
import { drill } from '../../../src/main/core/aggregates/drill'
import { shippedRules } from '../../../src/main/core/assessment/active-rules'
import { drillAssessed } from '../../../src/main/core/assessment/case-ids'
import { LiveAssessment } from '../../../src/main/core/assessment/live-assessment'
import { buildReport, buildReports } from '../../../src/main/core/assessment/report'
import { registerAssessmentHandlers } from '../../../src/main/core/handlers/assessment'
import { PushHub } from '../../../src/main/core/push-hub'
import { Registry } from '../../../src/main/core/registry'
import type { StatusBoard } from '../../../src/main/core/status-board'
import { upsertIncidents } from '../../../src/main/core/store/incident-rows'
import { ReferenceCache } from '../../../src/main/core/sync/reference-cache'
import { blankStatusBoard, tempStore } from '../sync/helpers'
import { HOUR, dept, fold, team } from '../domain/assessment-events'

/** 1 Nov 2026 and 1 Oct 2026, midnight China time. */
const NOV = Date.UTC(2026, 10, 1) - 8 * HOUR
const OCT = Date.UTC(2026, 9, 1) - 8 * HOUR
const NOW = Date.UTC(2026, 11, 5) // read in December: November is over

/** A case dispatched at `start` with 24 h, its feedback and closure at `doneHours`. */
function handled(
  id: string,
  start: number,
  assignee: Record<string, unknown>,
  doneHours: number,
  returns = 0,
): Incident {
  const rework = Array.from({ length: returns }, (_, k) => [
    [2 + k, 'resolve', { feedback: '处置' }] as const,
    [2.5 + k, 'return', { reason: '不合格', deadline: 200 * HOUR }] as const,
    [2.5 + k, 'acknowledge'] as const,
  ]).flat()
  return fold(
    [
      [0, 'report'],
      [0.5, 'accept', {}, 'op1'],
      [1, 'dispatch', assignee, 'op1'],
      [1.5, 'acknowledge'],
      ...rework,
      [doneHours, 'resolve', { feedback: '已处置' }],
      [doneHours + 1, 'verify', {}, 'w1'],
      [doneHours + 2, 'close'],
    ],
    id,
    {},
    start,
  )
}

function cases(): Incident[] {
  const out: Incident[] = []
  // d1: six cases in November, one late (feedback at 30 h against 24 h), one reworked 3 times.
  for (let k = 0; k < 6; k++)
    out.push(handled(`d1-${k}`, NOV + k * 24 * HOUR, dept('d1', 24), k === 0 ? 30 : 10, k === 1 ? 3 : 0))
  // d2: five cases, all late.
  for (let k = 0; k < 5; k++) out.push(handled(`d2-${k}`, NOV + k * 24 * HOUR, dept('d2', 24), 40))
  // d3: two cases: below the minimum volume of 5.
  for (let k = 0; k < 2; k++) out.push(handled(`d3-${k}`, NOV + k * 24 * HOUR, dept('d3', 24), 10))
  // The joint team: five on time, in its own league.
  for (let k = 0; k < 5; k++) out.push(handled(`tm-${k}`, NOV + k * 24 * HOUR, team('tm1', 24), 10))
  // October: d1 was late five times.
  for (let k = 0; k < 5; k++) out.push(handled(`oct-${k}`, OCT + k * 24 * HOUR, dept('d1', 24), 40))
  return out
}

let registry: Registry
let cleanup: () => Promise<void>
let status: StatusBoard
let sqlite: SqliteDatabase

beforeEach(async () => {
  const t = await tempStore()
  cleanup = t.cleanup
  sqlite = t.store.sqlite
  status = blankStatusBoard()
  status.update({ cursor: 4242 })
  await t.store.sqlite.transaction((tx) => upsertIncidents(tx, cases()))
  await new ReferenceCache(t.store.sqlite).save({
    version: 't',
    towns: [],
    grids: [{ id: 'hl-m1-s1', townId: 'henglan', parentId: 'hl-m1', level: 'small', name: 's', lat: 0, lng: 0 }],
    departments: [],
    teams: [],
    workers: [{ id: 'w1', name: 'w', townId: 'henglan', gridId: 'hl-m1-s1', fullTime: true }],
  })
  registry = new Registry()
  registerAssessmentHandlers(registry, { sqlite: t.store.sqlite, status, now: () => NOW })
})
afterEach(async () => {
  status.dispose()
  await cleanup()
})

async function call<T>(name: string, args: object): Promise<T> {
  const out = await registry.call(name, args, { origin: 'internal', readOnly: true })
  if (!out.ok) throw new Error(`${out.error.code}: ${out.error.message}`)
  return out.value as T
}

describe('the assessment report from the cache', () => {
  it('ranks a month’s departments by score, thin ones apart, teams in their own league, with the change', async () => {
    const r = await call<AssessmentReport>('assessment.report', {
      period: { kind: 'month', at: NOV + HOUR },
      unitKind: 'department',
    })
    expect(r).toMatchObject({ period: { label: '2026-11' }, previous: { label: '2026-10' }, cursor: 4242 })
    expect(r.ruleSet.version).toBe('ZS-2026.1')
    expect(r.ranked.map((u) => [u.id, u.rank])).toEqual([
      ['d1', 1],
      ['d2', 2],
    ])
    expect(r.insufficient.map((u) => u.id)).toEqual(['d3'])
    const d1 = r.ranked[0]
    // 按期处置率 5/6 = 83.33 % vs 90 %: 70 − 6.67; 返工率 1/6 = 16.67 % vs 10 %: 30 − 6.67;
    // 3 verification failures × 0.2 and 1 repeat failure × 1.
    expect(d1?.steps.handling).toMatchObject({ judged: 6, onTime: 5, failures: 3, repeatFailures: 1 })
    expect(d1?.score).toBeCloseTo(70 - 20 / 3 + 30 - 20 / 3 - 0.6 - 1, 9)
    // October: all five late, rate 0 → 0 + 30 (no rework) = 30.
    expect(d1?.previousScore).toBe(30)
    expect(d1?.change).toBe(Math.round(((d1?.score ?? 0) - 30) * 100) / 100)
    // Only two ranked: a league no larger than bottomN highlights nobody.
    expect(r.ranked.every((u) => !u.bottom)).toBe(true)
    const teams = await call<AssessmentReport>('assessment.report', {
      period: { kind: 'month', at: NOV + HOUR },
      unitKind: 'team',
    })
    expect(teams.ranked.map((u) => [u.id, u.score])).toEqual([['tm1', 100]])
  })

  it('names the cases behind a deduction, as a filter the console opens', async () => {
    const late = await call<AssessmentCases>('assessment.cases', {
      period: { kind: 'month', at: NOV + HOUR },
      unit: { kind: 'department', id: 'd1' },
      step: 'handling',
      set: 'late',
    })
    expect(late).toMatchObject({ ids: ['d1-0'], total: 1, filter: { ids: ['d1-0'] } })
    const repeat = await call<AssessmentCases>('assessment.cases', {
      period: { kind: 'month', at: NOV + HOUR },
      unit: { kind: 'department', id: 'd1' },
      step: 'handling',
      set: 'repeat_failures',
    })
    expect(repeat.ids).toEqual(['d1-1'])
  })

  it('drills a line into the console: the drill key names exactly the same cases', async () => {
    const line = {
      period: { kind: 'month' as const, at: NOV + HOUR },
      unit: { kind: 'department' as const, id: 'd1' },
      step: 'handling' as const,
      set: 'repeat_failures' as const,
    }
    const key = { metric: 'assessment' as const, assessment: line }
    const ids = await drillAssessed(sqlite, key, NOW, shippedRules)
    expect(ids).toEqual(['d1-1'])
    const drilled = await drill(sqlite, key, NOW, 30, undefined, ids)
    expect(drilled).toMatchObject({ ids: ['d1-1'], total: 1 })
    // Any other key names none of them.
    expect(await drillAssessed(sqlite, { metric: 'open' }, NOW, shippedRules)).toEqual([])
  })

  it("drills a frozen report's line as that report judged it: at its instant, under its rule-set revision", async () => {
    const line = {
      period: { kind: 'month' as const, at: NOV + HOUR },
      unit: { kind: 'department' as const, id: 'd1' },
      step: 'handling' as const,
      set: 'late' as const,
    }
    const asked: number[] = []
    const rules = {
      get: () => Promise.reject(new Error('a frozen line must not be judged with the active rules')),
      revision: (n: number) => {
        asked.push(n)
        return Promise.resolve(DEFAULT_RULE_SET)
      },
    }
    // Today d1-0 is late (feedback at 30 h against 24 h); a report frozen 10 h into November had
    // nothing of d1's due yet, so its line names no case.
    expect(await drillAssessed(sqlite, { metric: 'assessment', assessment: line }, NOW, shippedRules)).toEqual(['d1-0'])
    const frozen = { ...line, asOf: { report: 3, evaluatedAt: NOV + 10 * HOUR, ruleSetRevision: 2 } }
    expect(await drillAssessed(sqlite, { metric: 'assessment', assessment: frozen }, NOW, rules)).toEqual([])
    expect(asked).toEqual([2])
    const later = { ...line, asOf: { report: 4, evaluatedAt: NOV + 40 * HOUR, ruleSetRevision: 2 } }
    expect(await drillAssessed(sqlite, { metric: 'assessment', assessment: later }, NOW, rules)).toEqual(['d1-0'])
  })

  it('refuses a custom range that ends before it starts, with a clear error', async () => {
    const out = await registry.call(
      'assessment.report',
      { period: { kind: 'custom', first: '2026-11-30', last: '2026-11-01' }, unitKind: 'town' },
      { origin: 'internal', readOnly: true },
    )
    expect(out).toMatchObject({ ok: false, error: { code: 'invalid_args' } })
    if (!out.ok) expect(out.error.message).toMatch(/ends before it starts/)
  })
})

describe('the assessment kept between requests (live-assessment.ts)', () => {
  const ask = async (r: Registry, unitKind: string) => {
    const out = await r.call(
      'assessment.report',
      { period: { kind: 'month', at: NOV + HOUR }, unitKind },
      { origin: 'internal', readOnly: true },
    )
    if (!out.ok) throw new Error(out.error.message)
    return out.value as AssessmentReport
  }

  it('after change notices equals a from-scratch computation over the cache, also after a reset', async () => {
    const hub = new PushHub()
    const live = new LiveAssessment({ db: sqlite, status, hub })
    const kept = new Registry()
    registerAssessmentHandlers(kept, { sqlite, status, now: () => NOW, live })
    // Nothing kept: every request computed from the cache.
    const fresh = async (unitKind: string) => {
      const r = new Registry()
      registerAssessmentHandlers(r, { sqlite, status, now: () => NOW })
      return ask(r, unitKind)
    }
    expect(await ask(kept, 'department')).toEqual(await fresh('department'))
    // d2's first case: its feedback now on time, and d3 gets three more cases (ranked from now on).
    const changed = [
      handled('d2-0', NOV, dept('d2', 24), 10),
      ...[2, 3, 4].map((k) => handled(`d3-${k}`, NOV + k * 24 * HOUR, dept('d3', 24), 10)),
    ]
    await sqlite.transaction((tx) => upsertIncidents(tx, changed))
    status.update({ cursor: 4250 })
    hub.emit('changes', { incidentIds: changed.map((c) => c.id), all: false, conflictsChanged: false, cursor: 4250 })
    const after = await ask(kept, 'department')
    expect(after).toEqual(await fresh('department'))
    expect(after.cursor).toBe(4250)
    expect(after.ranked.map((u) => u.id)).toEqual(expect.arrayContaining(['d1', 'd2', 'd3']))
    for (const kind of UNIT_KINDS) expect(await ask(kept, kind)).toEqual(await fresh(kind))
    // A reset of the cache (a notice for everything): the period is read again.
    await sqlite.run("DELETE FROM incidents WHERE id LIKE 'd2-%'")
    hub.emit('changes', { incidentIds: [], all: true, conflictsChanged: false, cursor: 4250 })
    const reset = await ask(kept, 'department')
    expect(reset).toEqual(await fresh('department'))
    expect(reset.ranked.map((u) => u.id)).not.toContain('d2')
    live.stop()
  })

  it('buildReports judges once for every kind and gives what one kind at a time gave', () => {
    const ref = { grids: [], workers: [] }
    const o = { ref, rules: DEFAULT_RULE_SET, spec: { kind: 'month' as const, at: NOV + HOUR }, now: NOW, cursor: 7 }
    const all = buildReports(cases(), { ...o, kinds: UNIT_KINDS })
    expect(all.map((r) => r.unitKind)).toEqual([...UNIT_KINDS])
    expect(all).toEqual(UNIT_KINDS.map((unitKind) => buildReport(cases(), { ...o, unitKind })))
    expect(all.find((r) => r.unitKind === 'department')?.ranked.length).toBe(2)
  })
})
