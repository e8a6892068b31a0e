import type {
  Aggregates,
  AreaFigures,
  AssessmentFigures,
  CategoryFigures,
  Kpis,
  LeagueRow,
  MapFigures,
  PlaceFigures,
  Rectification,
  TrendPoint,
} from '@shared/contract'
import { AREAS, CATEGORIES, completionRate, onTimeRate, rectificationRate } from '@shared/domain'
import type { AggregateState, DayPartialRow, OpenFact } from './state'
import { dayIndex, dayStart, hourIndex, hourStart, windowDays } from './time-buckets'

/**
 * Counts for one scope (the city, a town, a department); rates come from the domain formulas at
 * the end. The rules are assess() and assessRectification() of src/shared/domain/assessment/window.ts.
 */
class Tally {
  reported = 0
  /** Closed after a dispatch, reported in the window. */
  closed = 0
  closedOnTime = 0
  /** Open, past due on the live clock, not in 缓办 (isLate): late, wherever reported; the overdue tile. */
  late = 0
  /** Open, past due, in 缓办: out of the denominator. */
  suspendedDue = 0
  open = 0
  rework = 0
  reworked = 0

  addDay(r: DayPartialRow): void {
    this.reported += r.reported
    this.closed += r.closed
    this.closedOnTime += r.closedOnTime
    this.rework += r.rework
    this.reworked += r.reworked
  }

  addOpen(f: OpenFact, now: number): void {
    this.open++
    if (f.dueAt === null || f.dueAt >= now) return
    if (f.inSuspension) this.suspendedDue++
    else this.late++
  }

  figures(): AssessmentFigures {
    const due = this.closed + this.late + this.suspendedDue
    return {
      reported: this.reported,
      assessed: due - this.suspendedDue,
      closed: this.closed,
      closedOnTime: this.closedOnTime,
      completionRate: completionRate(this.closed, due, this.suspendedDue),
      onTimeRate: onTimeRate(this.closedOnTime, due, this.suspendedDue),
      open: this.open,
      overdue: this.late,
      reworkCount: this.rework,
    }
  }

  /** 整改率: of the hazards due for rectification (closed, or open and late), the closed ones. */
  rectification(): Rectification {
    const found = this.closed + this.late
    return { found, rectified: this.closed, rate: rectificationRate(this.closed, found) }
  }
}

class Tallies {
  readonly map = new Map<string, Tally>()
  get(key: string): Tally {
    let t = this.map.get(key)
    if (!t) this.map.set(key, (t = new Tally()))
    return t
  }
  league(): LeagueRow[] {
    return [...this.map.entries()]
      .map(([id, t]) => ({ id, ...t.figures() }))
      .sort(
        (a, b) =>
          (b.completionRate ?? -1) - (a.completionRate ?? -1) ||
          (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) ||
          b.assessed - a.assessed ||
          a.id.localeCompare(b.id),
      )
  }
}

export interface ComposeMeta {
  readonly version: number
  readonly dataAsOf: number | null
  readonly cursor: number
}

/** The figures a dashboard shows, from the state at `now`. Pure: the tests check it by hand. */
export function composeAggregates(state: AggregateState, now: number, meta: ComposeMeta): Aggregates {
  const { clock } = state
  const days = windowDays(clock, now, state.windowDays)
  const windowStart = dayStart(clock, days[0] ?? 0)
  const todayStart = dayStart(clock, dayIndex(clock, now))
  const city = new Tally()
  const towns = new Tallies()
  const depts = new Tallies()
  const cats = new Tallies()
  for (const d of days) {
    for (const r of state.days.get(d)?.values() ?? []) {
      city.addDay(r)
      towns.get(r.town).addDay(r)
      cats.get(r.category).addDay(r)
      if (r.dept !== null) depts.get(r.dept).addDay(r)
    }
  }
  let suspended = 0
  for (const f of state.open.values()) {
    if (f.suspended) suspended++
    city.addOpen(f, now)
    towns.get(f.town).addOpen(f, now)
    cats.get(f.category).addOpen(f, now)
    if (f.dept !== null) depts.get(f.dept).addOpen(f, now)
  }
  const fire = cats.map.get('fire_safety') ?? new Tally()
  const gas = cats.map.get('gas_safety') ?? new Tally()
  const kpis: Kpis = {
    ...city.figures(),
    reportedToday: state.today.size,
    suspended,
    reworked: city.reworked,
    fire: fire.rectification(),
    gas: gas.rectification(),
  }

  const daily: TrendPoint[] = days.map((d) => ({
    from: dayStart(clock, d),
    to: dayStart(clock, d + 1),
    reported: [...(state.days.get(d)?.values() ?? [])].reduce((s, r) => s + r.reported, 0),
    closed: state.closedDays.get(d) ?? 0,
  }))
  const nowHour = hourIndex(clock, now)
  const hourly: TrendPoint[] = Array.from({ length: 24 }, (_, i) => {
    const h = nowHour - 23 + i
    return {
      from: hourStart(clock, h),
      to: hourStart(clock, h + 1),
      reported: state.reportedHours.get(h) ?? 0,
      closed: state.closedHours.get(h) ?? 0,
    }
  })
  const byCategory: CategoryFigures[] = CATEGORIES.map((c) => {
    const f = cats.map.get(c.id)?.figures()
    return {
      category: c.id,
      area: c.area,
      reported: f?.reported ?? 0,
      open: f?.open ?? 0,
      overdue: f?.overdue ?? 0,
      closed: f?.closed ?? 0,
    }
  })
  const byArea: AreaFigures[] = AREAS.map((area) => {
    const inArea = byCategory.filter((c) => c.area === area)
    const sum = (k: 'reported' | 'open' | 'overdue' | 'closed') => inArea.reduce((s, c) => s + c[k], 0)
    return { area, reported: sum('reported'), open: sum('open'), overdue: sum('overdue'), closed: sum('closed') }
  })
  return {
    version: meta.version,
    computedAt: now,
    dataAsOf: meta.dataAsOf,
    cursor: meta.cursor,
    tzOffsetMinutes: clock.offsetMs / 60_000,
    todayStart,
    windowStart,
    windowDays: state.windowDays,
    kpis,
    hourly,
    daily,
    byCategory,
    byArea,
    departments: depts.league(),
    towns: towns.league(),
  }
}

/** Open, overdue and today's reports per town and per grid, for the map. */
export function composeMap(state: AggregateState, now: number, meta: ComposeMeta): MapFigures {
  const towns = new Map<string, { open: number; overdue: number; reportedToday: number }>()
  const grids = new Map<string, { open: number; overdue: number; reportedToday: number }>()
  const at = (m: typeof towns, id: string) => {
    let v = m.get(id)
    if (!v) m.set(id, (v = { open: 0, overdue: 0, reportedToday: 0 }))
    return v
  }
  for (const f of state.open.values()) {
    const overdue = !f.suspended && f.dueAt !== null && f.dueAt < now ? 1 : 0
    for (const v of [at(towns, f.town), at(grids, f.grid)]) {
      v.open++
      v.overdue += overdue
    }
  }
  for (const p of state.today.values()) {
    at(towns, p.town).reportedToday++
    at(grids, p.grid).reportedToday++
  }
  const rows = (m: typeof towns): PlaceFigures[] => [...m.entries()].map(([id, v]) => ({ id, ...v }))
  return { version: meta.version, computedAt: now, dataAsOf: meta.dataAsOf, towns: rows(towns), grids: rows(grids) }
}
