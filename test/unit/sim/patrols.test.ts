import { describe, expect, it } from 'vitest'
import type { Incident, IncidentEvent } from '@shared/domain'
import { LIMITS, type PositionReport } from '@shared/protocol'
import { PositionBoard } from '../../../src/server/positions/position-board'
import { generateReference } from '../../../src/server/reference/generate'
import { Patrols, type PatrolTarget } from '../../../src/server/sim/patrols'

const ref = generateReference()

function target(incidents: Incident[] = []): PatrolTarget & { commit(i: Incident): void } {
  const byId = new Map(incidents.map((i) => [i.id, i]))
  const listeners: ((events: readonly IncidentEvent[]) => void)[] = []
  return {
    get: (id) => byId.get(id) ?? null,
    all: () => byId.values(),
    onCommit(l) {
      listeners.push(l)
      return () => undefined
    },
    commit(i) {
      byId.set(i.id, i)
      for (const l of listeners) l([{ incidentId: i.id } as IncidentEvent])
    },
  }
}

const metres = (a: [number, number], b: [number, number]) =>
  Math.hypot((a[0] - b[0]) * 111_320 * Math.cos((22.5 * Math.PI) / 180), (a[1] - b[1]) * 111_320)

describe('position board', () => {
  it('keeps the latest position and a short trail per unit, and batches one report per unit', () => {
    const board = new PositionBoard()
    for (let i = 0; i < 20; i++)
      board.report({ unitKind: 'team', unitId: 't1', townId: 'henglan', lng: 113 + i / 1000, lat: 22.5, at: i })
    board.report({ unitKind: 'worker', unitId: 'w1', townId: 'shiqi', lng: 113.3, lat: 22.5, at: 5 })
    const batch = board.flush()
    expect(batch.map((r) => `${r.unitKind}:${r.unitId}:${r.at}`).sort()).toEqual(['team:t1:19', 'worker:w1:5'])
    expect(board.flush()).toEqual([])
    const snap = board.snapshot()
    const t1 = snap.units.find((u) => u.unitId === 't1')
    expect(t1?.at).toBe(19)
    expect(t1?.trail).toHaveLength(LIMITS.positionTrail - 1)
    expect(t1?.trail.at(-1)?.[2]).toBe(18)
    // A town-scoped reader sees its towns' units only.
    expect(board.snapshot((town) => town === 'shiqi').units.map((u) => u.unitId)).toEqual(['w1'])
  })
})

describe('simulated patrols', () => {
  it('every joint team reports within its period and every grid worker within its own, inside the district', () => {
    let now = 1_000_000
    const reports: PositionReport[] = []
    const patrols = new Patrols(
      ref,
      target(),
      (r) => reports.push(r),
      { seed: 's' },
      () => now,
    )
    expect(patrols.unitCount).toBe(ref.data.teams.length + ref.data.workers.length)
    for (let s = 0; s <= LIMITS.workerReportSeconds; s++) {
      patrols.tick(now)
      now += 1000
    }
    const teams = new Set(reports.filter((r) => r.unitKind === 'team').map((r) => r.unitId))
    const workers = new Set(reports.filter((r) => r.unitKind === 'worker').map((r) => r.unitId))
    expect(teams.size).toBe(ref.data.teams.length)
    expect(workers.size).toBe(ref.data.workers.length)
    // A team reports about every 15 s: four or five times a minute, never more.
    const perTeam = reports.filter((r) => r.unitKind === 'team' && r.unitId === ref.data.teams[0]?.id).length
    expect(perTeam).toBeGreaterThanOrEqual(4)
    expect(perTeam).toBeLessThanOrEqual(5)
    const towns = new Set(ref.data.towns.map((t) => t.id))
    for (const r of reports) {
      expect(towns.has(r.townId)).toBe(true)
      expect(r.lng).toBeGreaterThan(113)
      expect(r.lng).toBeLessThan(114)
      expect(r.lat).toBeGreaterThan(22)
      expect(r.lat).toBeLessThan(23)
    }
  })

  it('a team with a case dispatched to it heads there and stays', () => {
    const team = ref.data.teams[0]
    if (!team) throw new Error('no teams')
    let now = 2_000_000
    const last = new Map<string, PositionReport>()
    const t = target()
    const patrols = new Patrols(
      ref,
      t,
      (r) => last.set(r.unitId, r),
      { seed: 's' },
      () => now,
    )
    patrols.start()
    patrols.stop()
    const start = (() => {
      for (let s = 0; s < 16; s++) {
        patrols.tick(now)
        now += 1000
      }
      const r = last.get(team.id)
      if (!r) throw new Error('the team did not report')
      return [r.lng, r.lat] as [number, number]
    })()
    const site: [number, number] = [start[0] + 0.004, start[1] + 0.003]
    t.commit({
      id: 'case-1',
      status: 'dispatched',
      assigneeKind: 'team',
      assigneeId: team.id,
      lng: site[0],
      lat: site[1],
      deadline: now + 3_600_000,
    } as Incident)
    const before = metres(start, site)
    for (let s = 0; s < 60 * 5; s++) {
      patrols.tick(now)
      now += 1000
    }
    const r = last.get(team.id)
    if (!r) throw new Error('the team did not report')
    // ~550 m at 4.5 m/s is reached within five minutes; it waits at the site.
    expect(before).toBeGreaterThan(300)
    expect(metres([r.lng, r.lat], site)).toBeLessThan(5)
  })
})
