import {
  CATEGORIES,
  assessRectification,
  closedOnTime,
  isDue,
  isSuspendedDue,
  type CategoryId,
  type Incident,
  type Rate,
} from '@shared/domain'
import type { GeneratedReference } from '../reference/generate'
import { runDistrict } from './district-run'
import { rateModel, townShares, type RateModel } from './rates'
import { DAY, REAL_TIME } from './time-model'

export interface CalibrationOptions {
  readonly ref: GeneratedReference
  readonly seed: string
  readonly days: number
  /** Share of the source's volume (1 = the source's scale). */
  readonly volume: number
  /** End of the simulated span (default: a fixed date, so runs compare). */
  readonly end?: number
}

export interface Figures {
  /** Cases reported in the span (rejected ones included). */
  readonly reports: number
  readonly due: number
  readonly closed: number
  readonly closedOnTime: number
  readonly suspendedDue: number
  readonly completionRate: Rate
  readonly onTimeRate: Rate
  readonly fire: { found: number; rectified: number; rate: Rate }
  readonly gas: { found: number; rectified: number; rate: Rate }
}

export interface Calibration {
  readonly days: number
  readonly volume: number
  readonly casesPerDay: number
  readonly end: number
  /**
   * The whole span (a year: the source's yearly figures), its last 182 days (a half-year, as the
   * source's completion rate counts) and its last 30 days (the wall's window), each judged at the end.
   */
  readonly year: Figures
  readonly halfYear: Figures
  readonly window: Figures
  readonly dongfeng: Figures
  readonly eventsPerCase: number
  readonly towns: readonly {
    id: string
    name: string
    reports: number
    share: number
    populationShare: number
    /** The rate model's share (population weighted by grids, rental housing and industry). */
    modelShare: number
  }[]
  readonly categories: readonly { id: CategoryId; reports: number; share: number; target: number }[]
  /** Returned by the grid worker's check ÷ checks (verify + return). */
  readonly verificationFailureRate: number
  /** Cases sent back for rework at least once ÷ closed. */
  readonly reworkRate: number
  /** Dispatches that went to a department other than the category's own, then sent back (退单). */
  readonly misrouteRate: number
  /** Departments each category was ever dispatched to. */
  readonly routes: ReadonlyMap<CategoryId, ReadonlySet<string>>
  /** Steps the domain refused (0 unless the engine has a bug). */
  readonly refused: number
  readonly rates: RateModel
}

/** A fixed end of the calibration year (2021-12-31 24:00 CST): runs of the same seed compare. */
export const CALIBRATION_END = Date.UTC(2021, 11, 31, 16, 0, 0)

class Tally {
  reports = 0
  due = 0
  closed = 0
  onTime = 0
  suspendedDue = 0
  readonly rect = { fire_safety: { found: 0, rectified: 0 }, gas_safety: { found: 0, rectified: 0 } }

  /** `wall`: rectification as the wall rates it (assessRectification); otherwise as the source counts. */
  constructor(private readonly wall = false) {}

  add(i: Incident, at: number): void {
    this.reports++
    if (isDue(i, at)) {
      this.due++
      if (i.status === 'closed') {
        this.closed++
        if (closedOnTime(i)) this.onTime++
      } else if (isSuspendedDue(i, at)) this.suspendedDue++
    }
    if (this.wall && (i.category === 'fire_safety' || i.category === 'gas_safety')) {
      const r = assessRectification([i], i.category, at)
      this.rect[i.category].found += r.found
      this.rect[i.category].rectified += r.rectified
      return
    }
    // The source publishes counts (隐患 found in the year, of them rectified), not an assessment
    // rate: found = accepted into handling, rectified = closed, whatever their deadlines.
    if (
      (i.category === 'fire_safety' || i.category === 'gas_safety') &&
      !['reported', 'rejected', 'merged'].includes(i.status)
    ) {
      this.rect[i.category].found++
      if (i.status === 'closed') this.rect[i.category].rectified++
    }
  }

  figures(): Figures {
    const denominator = this.due - this.suspendedDue
    const rect = (k: 'fire_safety' | 'gas_safety') => ({
      ...this.rect[k],
      rate: this.rect[k].found > 0 ? this.rect[k].rectified / this.rect[k].found : null,
    })
    return {
      reports: this.reports,
      due: this.due,
      closed: this.closed,
      closedOnTime: this.onTime,
      suspendedDue: this.suspendedDue,
      completionRate: denominator > 0 ? this.closed / denominator : null,
      onTimeRate: denominator > 0 ? this.onTime / denominator : null,
      fire: rect('fire_safety'),
      gas: rect('gas_safety'),
    }
  }
}

/**
 * Simulates the district for `days` as a pure model run and measures it with
 * the domain's own formulas, the way the wall does: every case reported in
 * the span, judged at its end.
 */
export function calibrate(opts: CalibrationOptions): Calibration {
  const end = opts.end ?? CALIBRATION_END
  const from = end - opts.days * DAY
  const windowFrom = end - 30 * DAY
  const halfFrom = end - 182 * DAY
  const rates = rateModel(opts.ref, { volume: opts.volume }, REAL_TIME)
  const year = new Tally()
  const window = new Tally(true)
  const half = new Tally()
  const dongfeng = new Tally()
  const byTown = new Map<string, number>()
  const byCategory = new Map<CategoryId, number>()
  const routes = new Map<CategoryId, Set<string>>()
  let checks = 0
  let returns = 0
  let dispatches = 0
  let sentBack = 0
  let reworked = 0
  let closed = 0

  const finish = (i: Incident): void => {
    year.add(i, end)
    if (i.reportedAt >= windowFrom) window.add(i, end)
    if (i.reportedAt >= halfFrom) half.add(i, end)
    if (i.townId === 'dongfeng') dongfeng.add(i, end)
    byTown.set(i.townId, (byTown.get(i.townId) ?? 0) + 1)
    byCategory.set(i.category, (byCategory.get(i.category) ?? 0) + 1)
    if (i.status === 'closed') {
      closed++
      if (i.reworkCount > 0) reworked++
    }
  }

  const run = runDistrict({
    ref: opts.ref,
    seed: opts.seed,
    rates,
    from,
    to: end,
    onStep: ({ command }, after) => {
      if (command.type === 'verify' || command.type === 'return') {
        checks++
        if (command.type === 'return') returns++
      }
      if (command.type === 'dispatch' || command.type === 'reassign') {
        const a = command.payload.assignee
        if (a.kind === 'department') {
          let set = routes.get(after.category)
          if (!set) routes.set(after.category, (set = new Set()))
          set.add(a.id)
        }
        if (command.type === 'dispatch') dispatches++
        else if (command.payload.note?.startsWith('退单')) sentBack++
      }
    },
    onDone: finish,
  })
  for (const i of run.open.values()) finish(i)

  const total = year.reports
  const shares = townShares(opts.ref)
  const people = opts.ref.data.towns.reduce((s, t) => s + t.population, 0)
  return {
    days: opts.days,
    volume: opts.volume,
    casesPerDay: rates.casesPerDay,
    end,
    year: year.figures(),
    halfYear: half.figures(),
    window: window.figures(),
    dongfeng: dongfeng.figures(),
    eventsPerCase: total > 0 ? run.steps / total : 0,
    towns: opts.ref.data.towns.map((t) => ({
      id: t.id,
      name: t.name,
      reports: byTown.get(t.id) ?? 0,
      share: total > 0 ? (byTown.get(t.id) ?? 0) / total : 0,
      populationShare: t.population / people,
      modelShare: shares.get(t.id) ?? 0,
    })),
    categories: CATEGORIES.map((c) => ({
      id: c.id,
      reports: byCategory.get(c.id) ?? 0,
      share: total > 0 ? (byCategory.get(c.id) ?? 0) / total : 0,
      target: c.share,
    })),
    verificationFailureRate: checks > 0 ? returns / checks : 0,
    reworkRate: closed > 0 ? reworked / closed : 0,
    misrouteRate: dispatches > 0 ? sentBack / dispatches : 0,
    routes,
    refused: run.refused,
    rates,
  }
}
