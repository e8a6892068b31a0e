import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { BenchRow } from './bench-row'
import { startServer } from '../src/server/index'
import { DEFAULTS } from '../src/server/options'
import { generateReference } from '../src/server/reference/generate'
import { calibrate, CALIBRATION_END } from '../src/server/sim/calibrate'
import { runDistrict } from '../src/server/sim/district-run'
import { planHistory } from '../src/server/sim/history'
import { rateModel } from '../src/server/sim/rates'
import { DAY, REAL_TIME } from '../src/server/sim/time-model'

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`

/**
 * The district on the start path and in calibration: how long a new embedded
 * server takes to seed its month of history at the default volume (what the
 * first `npm start` waits for), beside the same month planned as a pure model
 * run (the rest is the store's writing); and a simulated year (the calibration
 * test's size) beside the same year's arrivals alone.
 */
export async function run(): Promise<BenchRow[]> {
  const ref = generateReference()
  const now = Date.now()
  const rates = rateModel(ref, { volume: DEFAULTS.volume }, REAL_TIME)
  let t0 = performance.now()
  const planned = planHistory(ref, { seed: DEFAULTS.seed, rates, now, days: DEFAULTS.historyDays })
  const planMs = performance.now() - t0

  const dir = await mkdtemp(path.join(tmpdir(), 'gc-bench-district-'))
  t0 = performance.now()
  const server = await startServer({ dataDir: dir, port: 0, historyNow: now, escalateEveryMs: null })
  const startMs = performance.now() - t0
  const cases = server.incidentCount()
  await server.close()
  await rm(dir, { recursive: true, force: true })

  const year = { from: CALIBRATION_END - 365 * DAY, to: CALIBRATION_END }
  t0 = performance.now()
  const result = calibrate({ ref, seed: 'bench', days: 365, volume: 0.008 })
  const yearMs = performance.now() - t0
  t0 = performance.now()
  runDistrict({ ref, seed: 'bench', rates: rateModel(ref, { volume: 0.008 }, REAL_TIME), ...year, reportsOnly: true })
  const arrivalsMs = performance.now() - t0
  const events = result.eventsPerCase * result.year.reports

  return [
    {
      name: `first start: a new central server seeding a month of history at the default volume (${cases.toLocaleString('en-US')} cases, ${planned.length.toLocaleString('en-US')} events)`,
      value: startMs / 1000,
      unit: 's',
      baseline: `the same month as a pure model run: ${seconds(planMs)}`,
      target: 'a few seconds',
    },
    {
      name: `a simulated year as a pure model run (the calibration test: ${result.year.reports.toLocaleString('en-US')} cases)`,
      value: events / (yearMs / 1000),
      unit: 'events/s',
      baseline: `${seconds(yearMs)}; the year's arrivals alone: ${seconds(arrivalsMs)}`,
    },
  ]
}
