import { describe, expect, it } from 'vitest'
import { defaultHandlingMs } from '@shared/domain'
import type { Submission } from '../../../src/server/commands/command-processor'
import { generateReference } from '../../../src/server/reference/generate'
import { historyStart, planHistory } from '../../../src/server/sim/history'
import { LocalDistrict } from '../../../src/server/sim/local-district'
import { rateModel } from '../../../src/server/sim/rates'
import { Simulator } from '../../../src/server/sim/simulator'
import { DAY, HOUR, REAL_TIME, timeModel } from '../../../src/server/sim/time-model'

const ref = generateReference()
const SEED = 'history-test'
// 10:00 China time: a busy hour, so a step at start would show.
const NOW = Date.UTC(2026, 5, 30, 2, 0, 0)
const VOLUME = 0.3
const rates = rateModel(ref, { volume: VOLUME }, REAL_TIME)
const history = planHistory(ref, { seed: SEED, rates, now: NOW, days: 7 })

const inHour = (subs: readonly Submission[], from: number, type?: string) =>
  subs.filter((s) => (s.at ?? 0) >= from && (s.at ?? 0) < from + HOUR && (!type || s.command.type === type)).length
/** The same hour of the day over the history's last six days. */
const historyAverage = (type?: string) =>
  Array.from({ length: 6 }, (_, k) => inHour(history, NOW - (k + 1) * DAY, type)).reduce((a, b) => a + b, 0) / 6

/** The live simulator over the hour after NOW, on the history's cases, ticking once a second. */
async function liveHour(runId: string): Promise<Submission[]> {
  const district = new LocalDistrict(ref)
  for (const s of history) district.apply(s)
  const seen: Submission[] = []
  let now = NOW
  const target = {
    get: (id: string) => district.get(id),
    all: () => district.all(),
    submit: (sub: Submission) => {
      const stamped = { ...sub, at: now }
      seen.push(stamped)
      return district.submit(stamped)
    },
  }
  const sim = new Simulator(target, ref, { seed: SEED, traffic: { volume: VOLUME }, runId }, () => now)
  sim.resume(NOW)
  for (now = NOW + 1000; now <= NOW + HOUR; now += 1000) await sim.advance(now)
  return seen
}

describe('history and the live simulator are one district', () => {
  it('gives the same history, byte for byte, for the same seed and moment', () => {
    const small = rateModel(ref, { volume: 0.05 }, REAL_TIME)
    const plan = (seed: string) => JSON.stringify(planHistory(ref, { seed, rates: small, now: NOW, days: 3 }))
    expect(plan(SEED)).toBe(plan(SEED))
    expect(plan('another-seed')).not.toBe(plan(SEED))
    expect(history.every((s) => (s.at ?? 0) < NOW && (s.at ?? 0) >= NOW - 7 * DAY)).toBe(true)
    const ids = history.map((s) => s.command.commandId)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('ends with recent cases still open and old ones closed', () => {
    const district = new LocalDistrict(ref)
    for (const s of history) district.apply(s)
    const cases = [...district.all()]
    const recent = cases.filter((i) => i.reportedAt > NOW - 2 * HOUR)
    const old = cases.filter((i) => i.reportedAt < NOW - 5 * DAY)
    expect(recent.filter((i) => i.status !== 'closed').length / recent.length).toBeGreaterThan(0.8)
    expect(old.filter((i) => i.status === 'closed').length / old.length).toBeGreaterThan(0.85)
    expect(district.refused).toBe(0)
  })

  it('goes on live at the history’s pace: the first hour within ±30 % of the same hour in history', async () => {
    const live = await liveHour('run-1')
    const reports = inHour(live, NOW, 'report')
    const closes = inHour(live, NOW, 'close')
    const all = inHour(live, NOW)
    expect(historyAverage('report')).toBeGreaterThan(50)
    expect(reports / historyAverage('report')).toBeGreaterThan(0.7)
    expect(reports / historyAverage('report')).toBeLessThan(1.3)
    // The cases in hand go on as they would have: closures and all steps neither stall nor burst.
    expect(closes / historyAverage('close')).toBeGreaterThan(0.7)
    expect(closes / historyAverage('close')).toBeLessThan(1.3)
    expect(all / historyAverage()).toBeGreaterThan(0.7)
    expect(all / historyAverage()).toBeLessThan(1.3)
  })

  it('never reuses a command id across runs of the same seed (a restart)', async () => {
    const [a, b] = [await liveHour('run-1'), await liveHour('run-2')]
    const first = new Set(a.map((s) => s.command.commandId))
    expect(first.size).toBe(a.length)
    expect(b.some((s) => first.has(s.command.commandId))).toBe(false)
  })

  it('caps the history at about the number of reports asked for, keeping the most recent days', () => {
    const start = historyStart({ seed: SEED, rates, now: NOW, days: 30, maxIncidents: 500 })
    expect(NOW - start).toBeLessThan(DAY)
    const capped = planHistory(ref, { seed: SEED, rates, now: NOW, days: 30, maxIncidents: 500 })
    const reports = capped.filter((s) => s.command.type === 'report').length
    expect(reports).toBeGreaterThan(350)
    expect(reports).toBeLessThan(650)
  })

  it('runs compressed time by one factor: a district day in an hour has the day’s reports and deadlines an hour long', () => {
    const fast = rateModel(ref, { volume: VOLUME }, timeModel(24))
    const subs = planHistory(ref, { seed: SEED, rates: fast, now: NOW, days: 2 })
    const reports = subs.filter((s) => s.command.type === 'report').length
    expect(NOW - historyStart({ seed: SEED, rates: fast, now: NOW, days: 2 })).toBe(2 * HOUR)
    expect(reports / (2 * rates.casesPerDay)).toBeGreaterThan(0.85)
    expect(reports / (2 * rates.casesPerDay)).toBeLessThan(1.15)
    // A normal fire case has 48 district hours: two real hours at ×24.
    const dispatch = subs.find(
      (s) =>
        s.command.type === 'dispatch' &&
        subs.some(
          (r) =>
            r.command.type === 'report' &&
            r.command.incidentId === s.command.incidentId &&
            r.command.payload.category === 'fire_safety' &&
            r.command.payload.priority === 'normal',
        ),
    )
    expect(dispatch?.command.type).toBe('dispatch')
    if (dispatch?.command.type === 'dispatch')
      expect((dispatch.command.payload.deadline ?? 0) - (dispatch.at ?? 0)).toBe(2 * HOUR)
  })

  it('runs the live simulator on the same compressed clock: reports at N× and deadlines N× shorter', async () => {
    const district = new LocalDistrict(ref)
    const seen: Submission[] = []
    let now = NOW
    const target = {
      get: (id: string) => district.get(id),
      all: () => district.all(),
      submit: (sub: Submission) => {
        const stamped = { ...sub, at: now }
        seen.push(stamped)
        return district.submit(stamped)
      },
    }
    const sim = new Simulator(
      target,
      ref,
      { seed: SEED, traffic: { volume: VOLUME }, timeScale: 60, runId: 'x' },
      () => now,
    )
    sim.resume(NOW)
    // Ten real minutes: ten district hours.
    for (now = NOW + 1000; now <= NOW + 10 * 60_000; now += 1000) await sim.advance(now)
    const reports = seen.filter((s) => s.command.type === 'report').length
    // Expected: the rate model on the ×60 clock (its daily rhythm included), second by second.
    const fast = rateModel(ref, { volume: VOLUME }, timeModel(60))
    let expected = 0
    for (let t = NOW; t < NOW + 10 * 60_000; t += 1000) expected += fast.intensity(t) * 1000
    expect(reports / expected).toBeGreaterThan(0.7)
    expect(reports / expected).toBeLessThan(1.3)
    const dispatches = seen.filter((s) => s.command.type === 'dispatch')
    expect(dispatches.length).toBeGreaterThan(0)
    for (const d of dispatches) {
      const i = district.get(d.command.incidentId)
      if (d.command.type !== 'dispatch' || !i) continue
      // The category's handling time for its priority, a sixtieth of it in real time.
      const span = (d.command.payload.deadline ?? 0) - (d.at ?? 0)
      expect(span).toBeLessThanOrEqual((240 * 2 * HOUR) / 60 + 1)
      expect(span).toBe(Math.round((d.at ?? 0) + defaultHandlingMs(i.category, i.priority) / 60) - (d.at ?? 0))
    }
    expect(seen.some((s) => s.command.type === 'close')).toBe(true)
  })
})
