import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  DEFAULT_RULE_SET,
  UNIT_KINDS,
  assessPeriod,
  directoryFrom,
  periodAt,
  type AssessmentLedger,
  type Incident,
} from '@shared/domain'
import { loadCases, loadPeriodCases } from '../../../src/main/core/assessment/period-cases'
import { INCIDENT_SELECT, incidentFromRow, upsertIncidents } from '../../../src/main/core/store/incident-rows'
import { openStore, type Store } from '../../../src/main/core/store/open-store'
import { baseIncident } from '../../support/incident'
import { MIGRATIONS } from '../../unit/sync/helpers'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const ref = {
  grids: [
    { id: 'henglan-m01', parentId: null },
    { id: 'henglan-m01-s01', parentId: 'henglan-m01' },
  ],
  workers: [{ id: 'w-1', gridId: 'henglan-m01-s01' }],
} as unknown as Parameters<typeof directoryFrom>[0]
const quarter = periodAt('quarter', Date.UTC(2026, 7, 15))

function rng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

/** Cases around the quarter's edges: reported up to 60 days before it to 10 days after, in every state. */
function cases(seed: number, n: number): Incident[] {
  const r = rng(seed)
  const out: Incident[] = []
  for (let k = 0; k < n; k++) {
    const reportedAt = Math.floor(quarter.from - 60 * DAY + r() * (quarter.to - quarter.from + 70 * DAY))
    const step = Math.floor(r() * 7) // 0 reported … 6 closed
    const t = (h: number) => reportedAt + Math.floor(h * HOUR * (0.5 + r()))
    const intakeAt = step >= 1 ? t(0.5) : null
    const dispatchedAt = step >= 2 ? t(2) : null
    const deadline = dispatchedAt !== null ? dispatchedAt + Math.floor((4 + r() * 40 * 24) * HOUR) : null
    const resolvedAt = step >= 4 ? t(48 * r() * 30) : null
    const verifiedAt = step >= 5 && resolvedAt !== null ? resolvedAt + Math.floor(r() * 30 * HOUR) : null
    const closedAt = step >= 6 && verifiedAt !== null ? verifiedAt + HOUR : null
    const times = [reportedAt, intakeAt, dispatchedAt, resolvedAt, verifiedAt, closedAt].filter(
      (x): x is number => x !== null,
    )
    const suspended = step >= 2 && step < 6 && r() < 0.1
    out.push(
      baseIncident({
        id: `c${seed}-${k}`,
        code: `ZS-${seed}-${k}`,
        status: (['reported', 'accepted', 'dispatched', 'in_progress', 'resolved', 'verified', 'closed'] as const)[
          step
        ],
        reportedAt,
        intakeAt,
        intakeBy: intakeAt !== null ? 'op-1' : null,
        dispatchedAt,
        firstDispatchedAt: dispatchedAt,
        dispatchedBy: dispatchedAt !== null ? 'op-2' : null,
        assigneeKind: dispatchedAt !== null ? 'department' : null,
        assigneeId: dispatchedAt !== null ? 'dept-fire' : null,
        deadline,
        firstDeadline: deadline !== null && r() < 0.2 ? deadline - 6 * HOUR : deadline,
        resolvedAt,
        verifiedAt,
        closedAt,
        suspended,
        suspensionCredited: suspended,
        suspendedAt: suspended ? t(3) : null,
        reworkCount: r() < 0.1 ? Math.floor(r() * 4) : 0,
        priority: r() < 0.2 ? 'urgent' : 'normal',
        updatedAt: Math.max(...times),
      }),
    )
  }
  return out
}

const figures = (l: AssessmentLedger) =>
  JSON.stringify({ units: UNIT_KINDS.map((k) => l.units(k)), platform: l.platform() })

let store: Store | null = null
let dir: string | null = null
afterEach(async () => {
  await store?.close()
  store = null
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe("a period's cases read from the cache", () => {
  it('are every case that counts: judged, they give the figures of all cached cases judged', async () => {
    dir = mkdtempSync(join(tmpdir(), 'gc-period-'))
    store = await openStore(dir, MIGRATIONS)
    const sqlite = store.sqlite
    const ctx = { rules: DEFAULT_RULE_SET, dir: directoryFrom(ref), period: quarter }
    for (const seed of [1, 2, 3]) {
      const all = cases(seed, 400)
      await sqlite.transaction((tx) => upsertIncidents(tx, all))
    }
    // Closed (late) before the quarter began, but its verification fell due inside it: it counts there.
    const f = quarter.from
    const edge = baseIncident({
      id: 'edge',
      code: 'ZS-EDGE',
      status: 'closed',
      reportedAt: f - 3 * DAY,
      intakeAt: f - 3 * DAY + HOUR,
      intakeBy: 'op-1',
      dispatchedAt: f - 3 * DAY + 2 * HOUR,
      firstDispatchedAt: f - 3 * DAY + 2 * HOUR,
      dispatchedBy: 'op-2',
      assigneeKind: 'department',
      assigneeId: 'dept-fire',
      deadline: f - 5 * HOUR,
      firstDeadline: f - 5 * HOUR,
      resolvedAt: f - 3 * HOUR,
      verifiedAt: f - 2 * HOUR,
      closedAt: f - HOUR,
      updatedAt: f - HOUR,
    })
    await sqlite.transaction((tx) => upsertIncidents(tx, [edge]))
    const every = (await sqlite.all(`SELECT ${INCIDENT_SELECT} FROM incidents`)).map(incidentFromRow)
    for (const at of [quarter.from + 20 * DAY, quarter.to + DAY]) {
      const loaded = await loadPeriodCases(sqlite, quarter, DEFAULT_RULE_SET)
      expect(loaded.length).toBeLessThan(every.length) // it does filter
      expect(figures(assessPeriod(loaded, ctx, at))).toBe(figures(assessPeriod(every, ctx, at)))
    }
    expect((await loadPeriodCases(sqlite, quarter, DEFAULT_RULE_SET)).some((c) => c.id === 'edge')).toBe(true)
    // The same shape by id (a refresh after changes reads this way).
    const some = await loadCases(sqlite, ['c1-0', 'c2-5'])
    expect(some.map((c) => c.id).sort()).toEqual(['c1-0', 'c2-5'])
  })
})
