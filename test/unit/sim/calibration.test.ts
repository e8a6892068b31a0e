import { describe, expect, it } from 'vitest'
import { CATEGORY_IDS } from '@shared/domain'
import { generateReference } from '../../../src/server/reference/generate'
import { SOURCE } from '../../../src/server/reference/source-figures'
import { calibrate, CALIBRATION_END } from '../../../src/server/sim/calibrate'
import { calibrationTable } from '../../../src/server/sim/calibration-table'
import { runDistrict } from '../../../src/server/sim/district-run'
import { EVENTS_PER_CASE, rateModel } from '../../../src/server/sim/rates'
import { plausibleDepartments } from '../../../src/server/sim/routing'
import { DAY, REAL_TIME } from '../../../src/server/sim/time-model'

// A year of the district as a pure model run (no sockets, no store), at a sample of the source's
// volume big enough for the rates to be sharp: ~20,000 cases.
const ref = generateReference()
const SEED = 'calibration'
const year = calibrate({ ref, seed: SEED, days: 365, volume: 0.008 })
const source = (r: { found: number; rectified: number }) => r.rectified / r.found

describe('a simulated year looks like the source', () => {
  it('closes about 98 % of due cases (办结率 97–99 %), with an unfinished tail', () => {
    expect(year.year.reports).toBeGreaterThan(15_000)
    expect(year.year.completionRate).toBeGreaterThanOrEqual(0.97)
    expect(year.year.completionRate).toBeLessThanOrEqual(0.99)
    // Not everything gets done: open past their deadline at the year's end, and some very late.
    expect(year.year.due - year.year.closed - year.year.suspendedDue).toBeGreaterThan(year.year.due * 0.005)
    expect(year.year.onTimeRate ?? 1).toBeLessThan(year.year.completionRate ?? 0)
  })

  it('rectifies fire and gas hazards within two points of the source (92.3 %, 93.7 %), gas ahead of fire 1.05–1.25 to 1', () => {
    expect(Math.abs((year.year.fire.rate ?? 0) - source(SOURCE.dongfeng.fire2021))).toBeLessThanOrEqual(0.02)
    expect(Math.abs((year.year.gas.rate ?? 0) - source(SOURCE.dongfeng.gas2021))).toBeLessThanOrEqual(0.02)
    const ratio = year.year.gas.found / year.year.fire.found
    expect(ratio).toBeGreaterThanOrEqual(1.05)
    expect(ratio).toBeLessThanOrEqual(1.25)
  })

  it('sends cases only to their department or a related one, and misrouted ones back (退单)', () => {
    for (const category of CATEGORY_IDS) {
      const sent = [...(year.routes.get(category) ?? [])]
      expect(sent.length).toBeGreaterThan(0)
      for (const dept of sent) expect(plausibleDepartments(category)).toContain(dept)
    }
    expect(year.misrouteRate).toBeGreaterThan(0.01)
    expect(year.misrouteRate).toBeLessThan(0.08)
  })

  it('has realistic rework and verification failures, and no step the domain refuses', () => {
    for (const rate of [year.verificationFailureRate, year.reworkRate]) {
      expect(rate).toBeGreaterThan(0.02)
      expect(rate).toBeLessThan(0.1)
    }
    expect(year.refused).toBe(0)
    // The events/s ↔ volume conversion is honest.
    expect(Math.abs(year.eventsPerCase / EVENTS_PER_CASE - 1)).toBeLessThan(0.05)
  })

  it('gives every town a volume within ±15 % of its population share over a year', () => {
    // The arrivals alone (the same rate model and report draw), at a volume where a small town
    // still has thousands of reports, so the comparison is about the model and not sampling noise.
    const counts = new Map<string, number>()
    let total = 0
    runDistrict({
      ref,
      seed: SEED,
      rates: rateModel(ref, { volume: 0.06 }, REAL_TIME),
      from: CALIBRATION_END - 365 * DAY,
      to: CALIBRATION_END,
      reportsOnly: true,
      onReport: (r) => {
        counts.set(r.payload.townId, (counts.get(r.payload.townId) ?? 0) + 1)
        total++
      },
    })
    const people = ref.data.towns.reduce((s, t) => s + t.population, 0)
    for (const t of ref.data.towns) {
      const ratio = (counts.get(t.id) ?? 0) / total / (t.population / people)
      expect(ratio, t.id).toBeGreaterThanOrEqual(0.85)
      expect(ratio, t.id).toBeLessThanOrEqual(1.15)
    }
    // The year's own run agrees for the big towns.
    const xiaolan = year.towns.find((t) => t.id === 'xiaolan')
    expect(Math.abs((xiaolan?.share ?? 0) / (xiaolan?.populationShare ?? 1) - 1)).toBeLessThan(0.15)
  })

  it('prints the year beside the source', () => {
    const table = calibrationTable(year, SEED)
    expect(table).toContain('| completion rate 办结率')
    expect(table).toContain('21,815 / 20,137 (92.3%)')
    expect(table).toContain('东凤镇')
  })
})
