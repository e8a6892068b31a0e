import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SqliteDatabase } from '../../../src/infra/sqlite'
import { assess, assessRectification, type Incident } from '../../../src/shared/domain'
import { PushHub } from '../../../src/main/core/push-hub'
import type { StatusBoard } from '../../../src/main/core/status-board'
import { AggregateEngine, type AggregateDb } from '../../../src/main/core/aggregates/aggregate-engine'
import { drill } from '../../../src/main/core/aggregates/drill'
import { upsertIncidents } from '../../../src/main/core/store/incident-rows'
import type { Store } from '../../../src/main/core/store/open-store'
import { blankStatusBoard, tempStore } from '../sync/helpers'
import { at, handWorked, NOW } from './incident-factory'

let store: Store
let cleanup: () => Promise<void>
let engine: AggregateEngine
let hub: PushHub
let status: StatusBoard

beforeEach(async () => {
  const t = await tempStore()
  store = t.store
  cleanup = t.cleanup
  hub = new PushHub()
  status = blankStatusBoard(hub)
  await store.sqlite.transaction((tx) => upsertIncidents(tx, handWorked()))
  engine = new AggregateEngine({ db: store.sqlite, hub, status, now: () => NOW, pushIntervalMs: 0, tickMs: 3_600_000 })
  await engine.start()
})
afterEach(async () => {
  await engine.stop()
  status.dispose()
  await cleanup()
})

/** The incidents a drill-down (the SQL behind a figure) selects. */
const drillIds = async (key: Parameters<typeof drill>[1]) => [...(await drill(store.sqlite, key, NOW, 30)).ids].sort()

/** The store, with transactions that wait while the test holds them (`hold` resolves once one waits). */
function gatedDb(sqlite: SqliteDatabase) {
  let held: Promise<void> | null = null
  let release = () => {}
  let entered = () => {}
  const db: AggregateDb = {
    all: (sql, params) => sqlite.all(sql, params),
    get: (sql, params) => sqlite.get(sql, params),
    run: (sql, params) => sqlite.run(sql, params),
    exec: (sql) => sqlite.exec(sql),
    transaction: async (work) => {
      if (held) {
        entered()
        await held
      }
      return sqlite.transaction(work)
    },
  }
  return {
    db,
    hold(): Promise<void> {
      held = new Promise<void>((r) => (release = r))
      return new Promise<void>((r) => (entered = r))
    },
    release(): void {
      held = null
      release()
    },
  }
}

describe('the situation aggregates', () => {
  it('match the hand-worked figures', async () => {
    const a = await engine.get()
    expect(a.kpis).toMatchObject({
      reportedToday: 2,
      open: 5,
      overdue: 2,
      suspended: 1,
      reported: 7,
      closed: 2,
      closedOnTime: 1,
      // C and D closed in the window, B and I open past their deadlines (I reported 40 days ago
      // stays in); F is suspended (缓办) and out of the denominator.
      assessed: 4,
      reworkCount: 1,
      reworked: 1,
      // Hazards due for rectification: fire B and I (late, open); gas C and D (closed).
      fire: { found: 2, rectified: 0, rate: 0 },
      gas: { found: 2, rectified: 2, rate: 1 },
    })
    expect(a.kpis.completionRate).toBe(2 / 4)
    expect(a.kpis.onTimeRate).toBe(1 / 4)
    expect(a.windowStart).toBe(at(29, 0))
    expect(a.todayStart).toBe(at(0, 0))
  })

  it('compute exactly what the domain formulas compute', async () => {
    const a = await engine.get()
    const ref = assess(handWorked(), NOW, at(29, 0))
    expect(a.kpis.closed).toBe(ref.closed)
    expect(a.kpis.closedOnTime).toBe(ref.closedOnTime)
    expect(a.kpis.assessed).toBe(ref.due - ref.suspended)
    expect(a.kpis.completionRate).toBe(ref.completionRate)
    expect(a.kpis.onTimeRate).toBe(ref.onTimeRate)
    expect(a.kpis.reworkCount).toBe(ref.reworkCount)
    expect(a.kpis.overdue).toBe(ref.overdueOpen)
    expect(a.kpis.fire).toEqual(assessRectification(handWorked(), 'fire_safety', NOW, at(29, 0)))
    expect(a.kpis.gas).toEqual(assessRectification(handWorked(), 'gas_safety', NOW, at(29, 0)))
  })

  it('break down by category, area, department and town, and trend by day and hour', async () => {
    const a = await engine.get()
    expect(a.byCategory.find((c) => c.category === 'fire_safety')).toEqual({
      category: 'fire_safety',
      area: 'social_governance',
      reported: 2,
      open: 3,
      overdue: 2,
      closed: 0,
    })
    expect(a.byArea.find((r) => r.area === 'social_governance')).toMatchObject({
      reported: 6,
      open: 4,
      overdue: 2,
      closed: 2,
    })
    expect(a.byArea.find((r) => r.area === 'urban_management')).toMatchObject({
      reported: 1,
      open: 1,
      overdue: 0,
      closed: 0,
    })
    const gas = a.departments.find((d) => d.id === 'gas')
    expect(gas).toMatchObject({ assessed: 2, closed: 2, closedOnTime: 1, completionRate: 1, onTimeRate: 0.5 })
    expect(a.departments[0]?.id).toBe('gas')
    expect(a.towns.find((t) => t.id === 'dongfeng')).toMatchObject({
      reported: 1,
      closed: 1,
      completionRate: 1,
      onTimeRate: 0,
    })
    expect(a.daily).toHaveLength(30)
    expect(a.daily.at(-1)).toMatchObject({ from: at(0, 0), reported: 2, closed: 0 })
    expect(a.daily.at(-2)).toMatchObject({ reported: 1, closed: 1 })
    expect(a.daily.at(-3)).toMatchObject({ reported: 2, closed: 1 })
    expect(a.hourly).toHaveLength(24)
    expect(a.hourly.at(-1)?.from).toBe(at(0, 12))
    expect(a.hourly.reduce((s, h) => s + h.reported, 0)).toBe(2) // 08:00 and 09:00 today
    expect(a.hourly.find((h) => h.from === at(1, 15))?.closed).toBe(1)
  })

  it('refresh only what changed, to the same figures as a full recompute', async () => {
    const before = await engine.get()
    // B is closed (on time would be before at(1,11): it is late), a new report arrives today.
    const rows = handWorked()
    const b = rows.find((r) => r.id === 'B') as Incident
    const closedB: Incident = { ...b, status: 'closed', closedAt: at(0, 11), version: 5 }
    const fresh: Incident = {
      ...(rows[0] as Incident),
      id: 'J',
      code: 'ZS-J',
      category: 'gas_safety',
      reportedAt: at(0, 11),
    }
    await store.sqlite.transaction((tx) => upsertIncidents(tx, [closedB, fresh]))
    engine.markDirty(['B', 'J'])
    await engine.refresh()
    const after = await engine.get()
    expect(after.version).toBeGreaterThan(before.version)
    expect(after.kpis).toMatchObject({ reportedToday: 3, open: 5, overdue: 1, closed: 3, closedOnTime: 1, assessed: 4 })
    const map = await engine.map()
    await engine.recomputeAll()
    const full = await engine.get()
    expect({ ...full, version: 0, computedAt: 0 }).toEqual({ ...after, version: 0, computedAt: 0 })
    expect(map.grids.find((g) => g.id === 'henglan-01-01')).toMatchObject({ open: 5, overdue: 1, reportedToday: 3 })
  })

  it('count a case closed exactly at its deadline plus suspended time as on time, incrementally and in full', async () => {
    const before = (await engine.get()).kpis
    const rows = handWorked()
    const b = rows.find((r) => r.id === 'B') as Incident
    const e = rows.find((r) => r.id === 'E') as Incident
    const suspendedMs = 2 * 3_600_000
    // B: suspended for two hours on the way, closed on the very millisecond its clock ran out.
    // (The assessment clock is the first deadline plus credited suspension: docs/assessment.md §2.)
    const onTime: Incident = {
      ...b,
      status: 'closed',
      suspendedMs,
      creditedSuspendedMs: suspendedMs,
      closedAt: (b.deadline ?? 0) + suspendedMs,
    }
    // E: given a deadline yesterday and closed one millisecond after it.
    const late: Incident = {
      ...e,
      status: 'closed',
      deadline: at(1, 10),
      firstDeadline: at(1, 10),
      closedAt: at(1, 10) + 1,
    }
    await store.sqlite.transaction((tx) => upsertIncidents(tx, [onTime, late]))
    engine.markDirty(['B', 'E'])
    await engine.refresh()
    const incremental = await engine.get()
    expect(incremental.kpis).toMatchObject({
      closed: before.closed + 2,
      closedOnTime: before.closedOnTime + 1,
      assessed: before.assessed + 1, // B was already due (overdue); E becomes due by closing
    })
    expect(incremental.departments.find((d) => d.id === 'fire')).toMatchObject({ closed: 1, closedOnTime: 1 })
    expect(incremental.departments.find((d) => d.id === 'sanitation')).toMatchObject({ closed: 1, closedOnTime: 0 })
    // The domain formula agrees on the two cases.
    expect(assess([onTime, late], NOW)).toMatchObject({ closed: 2, closedOnTime: 1 })
    // And the full recompute (the SQL rules) gives the same figures.
    await engine.recomputeAll()
    expect({ ...(await engine.get()), version: 0, computedAt: 0 }).toEqual({
      ...incremental,
      version: 0,
      computedAt: 0,
    })
    expect(await drillIds({ metric: 'late' })).not.toContain('B')
    expect(await drillIds({ metric: 'late' })).toContain('E')
  })

  it('load fully from a read-only snapshot without holding the store, and apply what landed meanwhile', async () => {
    const reader = await SqliteDatabase.open(store.sqlite.file, { readonly: true })
    const rows = handWorked()
    const b = rows.find((r) => r.id === 'B') as Incident
    let landed = false
    const split = new AggregateEngine({
      db: store.sqlite,
      // While the full load holds its snapshot, the sync engine commits on the store's connection
      // (it would wait seconds for a load of a large cache if the two shared it).
      snapshotDb: {
        snapshot: (work) =>
          reader.snapshot(async (tx) => {
            await tx.all('SELECT count(*) FROM incidents') // the snapshot starts here
            await store.sqlite.transaction((w) =>
              upsertIncidents(w, [{ ...b, status: 'closed', closedAt: at(0, 11), version: 5 }]),
            )
            landed = true
            return work(tx)
          }),
      },
      hub,
      status,
      now: () => NOW,
      pushIntervalMs: 0,
      tickMs: 3_600_000,
    })
    try {
      await split.start()
      expect(landed).toBe(true)
      expect((await split.get()).kpis.closed).toBe(2) // the snapshot: B still open
      split.markDirty(['B']) // the change notice that followed the commit
      await split.refresh()
      const after = await split.get()
      expect(after.kpis).toMatchObject({ closed: 3, open: 4 })
      await engine.recomputeAll() // the store's own connection, after everything
      expect({ ...after, version: 0, computedAt: 0 }).toEqual({ ...(await engine.get()), version: 0, computedAt: 0 })
    } finally {
      await split.stop()
      await reader.close()
    }
  })

  it('push at most once a second to every window, even after a slow refresh', async () => {
    await engine.stop()
    const own = new PushHub()
    const gate = gatedDb(store.sqlite)
    const slow = new AggregateEngine({
      db: gate.db,
      hub: own,
      status,
      now: () => NOW,
      pushIntervalMs: 1000,
      tickMs: 3_600_000,
    })
    await slow.start()
    const pushes: number[] = []
    const off = own.subscribe((name) => name === 'aggregates' && pushes.push(Date.now()))
    const change = async () => {
      await store.sqlite.run('UPDATE incidents SET rework_count = rework_count + 1 WHERE id = ?', ['C'])
      own.emit('changes', { incidentIds: ['C'], all: false, conflictsChanged: false, cursor: 0 })
    }
    // The first refresh is slow (its read held 700 ms) while changes keep coming.
    const reading = gate.hold()
    await change()
    await reading
    const released = setTimeout(() => gate.release(), 700)
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, 150))
      await change()
    }
    // The changes that came during the slow refresh are pushed by the next one.
    await expect.poll(() => pushes.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2)
    await new Promise((r) => setTimeout(r, 300))
    clearTimeout(released)
    gate.release()
    off()
    await slow.stop()
    for (let i = 1; i < pushes.length; i++)
      expect((pushes[i] as number) - (pushes[i - 1] as number)).toBeGreaterThanOrEqual(950)
  })
})

describe('while the cache catches up', () => {
  it('refresh at the catch-up pace, and at once when it is caught up', async () => {
    await engine.stop()
    const paced = new AggregateEngine({
      db: store.sqlite,
      hub,
      status,
      now: () => NOW,
      pushIntervalMs: 0,
      catchUpIntervalMs: 3_600_000,
      tickMs: 3_600_000,
    })
    await paced.start()
    const closedBefore = (await paced.get()).kpis.closed
    const pushes: number[] = []
    const off = hub.subscribe((name, payload) => {
      if (name === 'aggregates') pushes.push((payload as { kpis: { closed: number } }).kpis.closed)
    })
    try {
      status.update({ connection: 'catching_up' })
      const rows = handWorked()
      const close = async (id: string) => {
        const row = rows.find((r) => r.id === id) as Incident
        await store.sqlite.transaction((tx) =>
          upsertIncidents(tx, [{ ...row, status: 'closed', closedAt: at(0, 11), version: row.version + 1 }]),
        )
        hub.emit('changes', { incidentIds: [id], all: false, conflictsChanged: false, cursor: 0 })
      }
      // The first change of a catch-up shows at once; later ones wait for the catch-up pace (an hour here).
      await close('B')
      await expect.poll(() => pushes).toEqual([closedBefore + 1])
      await close('E')
      await new Promise((r) => setTimeout(r, 400))
      expect(pushes).toEqual([closedBefore + 1])
      status.update({ connection: 'online' })
      await expect.poll(() => pushes).toEqual([closedBefore + 1, closedBefore + 2])
    } finally {
      off()
      await paced.stop()
    }
  })
})

describe('the cursor the figures claim', () => {
  it('is the one they were read at: a batch that lands during a refresh is claimed by the next', async () => {
    await engine.stop()
    const gate = gatedDb(store.sqlite)
    const gated = new AggregateEngine({
      db: gate.db,
      hub,
      status,
      now: () => NOW,
      pushIntervalMs: 0,
      tickMs: 3_600_000,
    })
    await gated.start()
    const closedBefore = (await gated.get()).kpis.closed
    const pushes: { cursor: number; closed: number }[] = []
    const off = hub.subscribe((name, payload) => {
      const a = payload as { cursor: number; kpis: { closed: number } }
      if (name === 'aggregates') pushes.push({ cursor: a.cursor, closed: a.kpis.closed })
    })
    const rows = handWorked()
    // One sync batch: the row is written, then the status and the notice go out together (as the engine does).
    const batch = async (id: string, cursor: number) => {
      const row = rows.find((r) => r.id === id) as Incident
      await store.sqlite.transaction((tx) =>
        upsertIncidents(tx, [{ ...row, status: 'closed', closedAt: at(0, 11), version: row.version + 1 }]),
      )
      status.update({ cursor })
      hub.emit('changes', { incidentIds: [id], all: false, conflictsChanged: false, cursor })
    }
    try {
      const reading = gate.hold()
      await batch('B', 10)
      // The refresh for B has started and waits for its read; meanwhile E's batch lands.
      await reading
      await batch('E', 11)
      gate.release()
      await expect.poll(() => pushes.at(-1)).toEqual({ cursor: 11, closed: closedBefore + 2 })
      // Every push claimed only what it held: B's refresh claims 10, whether or not it read E's row.
      expect(pushes[0]?.cursor).toBe(10)
      for (const p of pushes) if (p.cursor === 11) expect(p.closed).toBe(closedBefore + 2)
    } finally {
      off()
      await gated.stop()
    }
  })
})

describe('drill-downs', () => {
  const ids = async (key: Parameters<typeof drill>[1]) => [...(await drill(store.sqlite, key, NOW, 30)).ids].sort()
  it('select exactly the incidents each number counts', async () => {
    expect(await ids({ metric: 'overdue' })).toEqual(['B', 'I'])
    expect(await ids({ metric: 'open' })).toEqual(['A', 'B', 'E', 'F', 'I'])
    expect(await ids({ metric: 'reported_today' })).toEqual(['A', 'G'])
    // I was reported 40 days ago and is still open past its deadline: it stays in (and counts late).
    expect(await ids({ metric: 'assessed' })).toEqual(['B', 'C', 'D', 'I'])
    expect(await ids({ metric: 'late' })).toEqual(['B', 'D', 'I'])
    expect(await ids({ metric: 'closed' })).toEqual(['C', 'D'])
    expect(await ids({ metric: 'found', category: 'gas_safety' })).toEqual(['C', 'D'])
    expect(await ids({ metric: 'found', category: 'fire_safety' })).toEqual(['B', 'I'])
    expect(await ids({ metric: 'unrectified', category: 'fire_safety' })).toEqual(['B', 'I'])
    expect(await ids({ metric: 'reworked' })).toEqual(['D'])
    expect(await ids({ metric: 'assessed', departmentId: 'gas' })).toEqual(['C', 'D'])
    expect(await ids({ metric: 'open', area: 'urban_management' })).toEqual(['E'])
    expect(await ids({ metric: 'closed', from: at(1, 0), to: at(0, 0) })).toEqual(['D'])
    expect(await ids({ metric: 'reported', from: at(3, 0), to: at(2, 0) })).toEqual(['C', 'D'])
    const r = await drill(store.sqlite, { metric: 'overdue', townId: 'henglan' }, NOW, 30)
    expect(r.total).toBe(2)
    expect(r.filter.ids).toEqual(r.ids)
  })
})
