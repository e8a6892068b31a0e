import { CATEGORIES } from '@shared/domain'
import type { GeneratedReference } from '../reference/generate'
import { SOURCE } from '../reference/source-figures'
import { TOWN_SEEDS } from '../reference/towns'
import { DAY, districtHour, type TimeModel } from './time-model'

/**
 * The one rate model history and the live simulator share: how many reports
 * arrive, when in the day, in which town and category. Its scale is the
 * source's: at volume 1 Dongfeng finds its 21,815 fire and 25,102 gas
 * non-compliances a year (2021), and every other town reports in proportion
 * to its people, grids, rental housing and industry — about 6,800 reports a
 * day city-wide. Smaller volumes are a sample of that district (the quick
 * start runs about 1 % of it, so its history seeds in seconds).
 */

/**
 * Relative arrival rate by hour of day (China Standard Time), mean 1: quiet at
 * night, peaks mid-morning and mid-afternoon when grid workers patrol.
 */
const RHYTHM = [
  0.25, 0.18, 0.15, 0.15, 0.2, 0.35, 0.6, 1.0, 1.45, 1.7, 1.75, 1.55, 1.1, 1.2, 1.6, 1.75, 1.65, 1.4, 1.1, 0.9, 0.75,
  0.6, 0.45, 0.32,
]
const RHYTHM_MEAN = RHYTHM.reduce((a, b) => a + b, 0) / RHYTHM.length
export const RHYTHM_PEAK = Math.max(...RHYTHM) / RHYTHM_MEAN

/** Arrival intensity at real time `t` relative to the day's mean (the district's hour of day). */
export function rhythm(time: TimeModel, t: number): number {
  return (RHYTHM[districtHour(time, t)] ?? RHYTHM_MEAN) / RHYTHM_MEAN
}

/** Share of reports the command room rejects at intake (not a grid matter, unverifiable, duplicate). */
export const REJECT_RATE = 0.04

/**
 * Events a case makes over its life on average (report, intake, dispatch, acknowledge, resolve,
 * verify, close, plus rework, 退单, suspensions and escalations): converts a volume to events/s.
 * The calibration measures it (`npm run server -- calibrate`) and a test keeps this within 5 %.
 */
export const EVENTS_PER_CASE = 7.15

/**
 * A town's reports per resident relative to the city's: more grids, rental buildings or industry
 * per resident mean more to find. Kept within ±10 % so volumes stay proportional to population.
 */
export function townFactors(ref: GeneratedReference): Map<string, number> {
  const towns = ref.data.towns
  const people = towns.reduce((s, t) => s + t.population, 0)
  const leaves = new Map<string, number>()
  for (const g of ref.data.grids) if (g.level !== 'medium') leaves.set(g.townId, (leaves.get(g.townId) ?? 0) + 1)
  const rentals = new Map<string, number>()
  for (const c of ref.components)
    if (c.kind === 'rental_building') rentals.set(c.townId, (rentals.get(c.townId) ?? 0) + 1)
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0)
  const perHead = (m: Map<string, number>, id: string, pop: number) =>
    Math.max(1e-9, (m.get(id) ?? 0) / pop) / (sum(m) / people)
  const industry = { low: -0.04, medium: 0, high: 0.04 } as const
  const out = new Map<string, number>()
  for (const t of towns) {
    const seed = TOWN_SEEDS.find((s) => s.id === t.id)
    const f =
      1 +
      0.03 * Math.log(perHead(leaves, t.id, t.population)) +
      0.03 * Math.log(perHead(rentals, t.id, t.population)) +
      industry[seed?.industry ?? 'medium']
    out.set(t.id, Math.min(1.1, Math.max(0.9, f)))
  }
  return out
}

/** Each town's share of the city's reports. */
export function townShares(ref: GeneratedReference): Map<string, number> {
  const factors = townFactors(ref)
  const weights = ref.data.towns.map((t) => t.population * (factors.get(t.id) ?? 1))
  const total = weights.reduce((a, b) => a + b, 0)
  return new Map(ref.data.towns.map((t, i) => [t.id, (weights[i] ?? 0) / total]))
}

const FIRE_SHARE = CATEGORIES.find((c) => c.id === 'fire_safety')?.share ?? 0

/** Reports a day city-wide at volume 1: Dongfeng's 2021 fire figure, scaled up by its share of the city and of the mix. */
export function fullVolumePerDay(ref: GeneratedReference): number {
  const dongfeng = townShares(ref).get('dongfeng') ?? 0
  const fireFoundPerDay = SOURCE.dongfeng.fire2021.found / 365
  return fireFoundPerDay / ((1 - REJECT_RATE) * FIRE_SHARE * dongfeng)
}

/** The district's traffic as the simulator is told it: a share of the source's volume, or events per second. */
export type Traffic = { readonly volume: number } | { readonly rate: number }

export interface RateModel {
  readonly time: TimeModel
  /** Reports a (district) day city-wide, on average over the day. */
  readonly casesPerDay: number
  /** The same as events per second of real time. */
  readonly eventsPerSecond: number
  readonly volume: number
  /** Expected reports per real millisecond at real time `t`. */
  intensity(t: number): number
  /** The highest intensity of the day (for thinning). */
  readonly peak: number
}

export function rateModel(ref: GeneratedReference, traffic: Traffic, time: TimeModel): RateModel {
  const full = fullVolumePerDay(ref)
  const volume = 'volume' in traffic ? traffic.volume : (traffic.rate * 86_400) / EVENTS_PER_CASE / full / time.scale
  if (!Number.isFinite(volume) || volume < 0) throw new Error(`the district's volume must be 0 or more (got ${volume})`)
  const casesPerDay = volume * full
  const perMs = (casesPerDay * time.scale) / DAY
  return {
    time,
    casesPerDay,
    volume,
    eventsPerSecond: (casesPerDay * EVENTS_PER_CASE * time.scale) / 86_400,
    intensity: (t) => perMs * rhythm(time, t),
    peak: perMs * RHYTHM_PEAK,
  }
}
