import type { Row, SqlExecutor } from '@infra/sqlite'
import type { CategoryId, IncidentStatus } from '@shared/domain'
import {
  CLOSED_DAYS_SQL,
  CLOSED_HOURS_SQL,
  DAY_PARTIALS_SQL,
  FACT_COLUMNS,
  OPEN_FACTS_SQL,
  REPORTED_HOURS_SQL,
} from './sql'
import { addContribution, partialKey, type AggregateState, type DayPartial, type Fact } from './state'
import { dayIndex, dayStart, hourIndex, hourStart, windowDays } from './time-buckets'

const num = (v: unknown) => Number(v ?? 0)
const TERMINAL: ReadonlySet<string> = new Set(['closed', 'rejected', 'merged'])

export function factOf(r: Row): Fact {
  return {
    id: String(r.id),
    status: String(r.status) as IncidentStatus,
    town: String(r.town_id),
    grid: String(r.grid_id),
    category: String(r.category) as CategoryId,
    dept: r.dept == null ? null : String(r.dept),
    reportedAt: Number(r.reported_at),
    dispatched: r.dispatched_at != null,
    dueAt: r.due_at == null ? null : Number(r.due_at),
    inSuspension: r.in_suspension === 1 || r.in_suspension === true,
    suspended: r.suspended === 1 || r.suspended === true,
    closedAt: r.closed_at == null ? null : Number(r.closed_at),
    reworkCount: num(r.rework_count),
  }
}

/**
 * Recomputes the partials of the given district days in SQL (one range query
 * per run of consecutive days). Callers run it inside one transaction with the
 * rest of a refresh, so no batch lands between the queries.
 */
export async function loadDays(
  db: SqlExecutor,
  state: AggregateState,
  days: readonly number[],
  reopen = true,
): Promise<void> {
  const { clock } = state
  for (const [first, last] of runs(days)) {
    const from = dayStart(clock, first)
    const to = dayStart(clock, last + 1)
    const rows = await db.all(DAY_PARTIALS_SQL, [clock.offsetMs, from, to])
    const byDay = new Map<number, DayPartial>()
    for (let d = first; d <= last; d++) byDay.set(d, new Map())
    for (const r of rows) {
      const dept = r.dept == null ? null : String(r.dept)
      byDay.get(Number(r.day))?.set(partialKey(String(r.town), String(r.category), dept), {
        town: String(r.town),
        category: String(r.category) as CategoryId,
        dept,
        reported: num(r.reported),
        closed: num(r.closed),
        closedOnTime: num(r.closed_on_time),
        rework: num(r.rework),
        reworked: num(r.reworked),
      })
    }
    for (const [d, partial] of byDay) state.days.set(d, partial)
    // The open cases of these days are re-read with them, so every held "before" matches what the partials count.
    if (reopen) {
      for (const [id, f] of state.open) if (f.reportedAt >= from && f.reportedAt < to) state.open.delete(id)
      for (const r of await db.all(`${OPEN_FACTS_SQL} AND reported_at >= ? AND reported_at < ?`, [from, to]))
        state.open.set(String(r.id), factOf(r))
    }
    const closed = await db.all(CLOSED_DAYS_SQL, [clock.offsetMs, from, to])
    for (let d = first; d <= last; d++) state.closedDays.set(d, 0)
    for (const r of closed) state.closedDays.set(Number(r.day), num(r.n))
  }
}

/** Hourly counts for the last 24 hours: two range scans of single-column indexes (covering). */
export async function loadHours(db: SqlExecutor, state: AggregateState, now: number): Promise<void> {
  const { clock } = state
  const from = hourStart(clock, hourIndex(clock, now) - 23)
  state.reportedHours.clear()
  state.closedHours.clear()
  for (const r of await db.all(REPORTED_HOURS_SQL, [clock.offsetMs, from]))
    state.reportedHours.set(Number(r.hour), num(r.n))
  for (const r of await db.all(CLOSED_HOURS_SQL, [clock.offsetMs, from]))
    state.closedHours.set(Number(r.hour), num(r.n))
}

export async function loadOpen(db: SqlExecutor, state: AggregateState): Promise<void> {
  state.open.clear()
  for (const r of await db.all(OPEN_FACTS_SQL)) state.open.set(String(r.id), factOf(r))
}

export async function loadToday(db: SqlExecutor, state: AggregateState, now: number): Promise<void> {
  const { clock } = state
  state.today.clear()
  state.todayIndex = dayIndex(clock, now)
  const rows = await db.all(`SELECT id, town_id, grid_id FROM incidents WHERE reported_at >= ?`, [
    dayStart(clock, state.todayIndex),
  ])
  for (const r of rows) state.today.set(String(r.id), { town: String(r.town_id), grid: String(r.grid_id) })
}

/** Everything from scratch: the baseline the dirty refresh is measured against. */
export async function loadAll(db: SqlExecutor, state: AggregateState, now: number): Promise<void> {
  state.days.clear()
  state.closedDays.clear()
  await loadOpen(db, state)
  await loadDays(db, state, windowDays(state.clock, now, state.windowDays), false)
  await loadHours(db, state, now)
  await loadToday(db, state, now)
}

const bump = (m: Map<number, number>, k: number, by: number) => m.set(k, (m.get(k) ?? 0) + by)

/**
 * Folds changed incidents in. Only open cases can change, and every open case
 * is held with what it contributed, so a change is a delta: the old
 * contribution out, the new one in (a primary-key read per incident, no
 * scans). The one case without a known "before" — a row that is finished and
 * was not open here (a comment on a closed case, or a case reported and
 * finished between two refreshes) — has its days recomputed in SQL instead.
 */
export async function applyDirty(
  db: SqlExecutor,
  state: AggregateState,
  ids: readonly string[],
  now: number,
): Promise<void> {
  const { clock } = state
  const todayStart = dayStart(clock, state.todayIndex)
  const firstHour = hourIndex(clock, now) - 23
  const recompute = new Set<number>()
  let hoursStale = false
  const seen = new Set<string>()
  const dayOf = (t: number) => state.days.get(dayIndex(clock, t))

  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500)
    const rows = await db.all(
      `SELECT ${FACT_COLUMNS} FROM incidents WHERE id IN (${chunk.map(() => '?').join(',')})`,
      chunk,
    )
    for (const r of rows) {
      const next = factOf(r)
      seen.add(next.id)
      const before = state.open.get(next.id) ?? null
      const isOpen = !TERMINAL.has(next.status)
      if (before === null && !isOpen) {
        // Unknown "before": recount its days from the table.
        recompute.add(dayIndex(clock, next.reportedAt))
        if (next.closedAt !== null) recompute.add(dayIndex(clock, next.closedAt))
        hoursStale = true
        if (next.reportedAt >= todayStart) state.today.set(next.id, { town: next.town, grid: next.grid })
        continue
      }
      if (before) {
        const partial = dayOf(before.reportedAt)
        if (partial) addContribution(partial, before, -1)
      } else {
        // A new case (open and not held yet): it enters today's reports and the hour it came in.
        if (next.reportedAt >= todayStart) state.today.set(next.id, { town: next.town, grid: next.grid })
        const h = hourIndex(clock, next.reportedAt)
        if (h >= firstHour) bump(state.reportedHours, h, 1)
      }
      const partial = dayOf(next.reportedAt)
      if (partial) addContribution(partial, next, 1)
      if (next.closedAt !== null && before?.closedAt == null) {
        const d = dayIndex(clock, next.closedAt)
        if (state.closedDays.has(d)) bump(state.closedDays, d, 1)
        const h = hourIndex(clock, next.closedAt)
        if (h >= firstHour) bump(state.closedHours, h, 1)
      }
      if (isOpen) state.open.set(next.id, next)
      else state.open.delete(next.id)
    }
  }
  // Rows that are gone (pruned by retention, or a reset) leave the open set and their counts.
  for (const id of ids) {
    if (seen.has(id)) continue
    const before = state.open.get(id)
    if (!before) continue
    const partial = dayOf(before.reportedAt)
    if (partial) addContribution(partial, before, -1)
    state.open.delete(id)
  }
  const inWindow = new Set(windowDays(clock, now, state.windowDays))
  const days = [...recompute].filter((d) => inWindow.has(d))
  if (days.length > 0) await loadDays(db, state, days)
  if (hoursStale) await loadHours(db, state, now)
}

/** Sorted runs of consecutive integers: [3,4,5,9] → [[3,5],[9,9]]. */
export function runs(values: readonly number[]): [number, number][] {
  const sorted = [...new Set(values)].sort((a, b) => a - b)
  const out: [number, number][] = []
  for (const v of sorted) {
    const last = out[out.length - 1]
    if (last && v === last[1] + 1) last[1] = v
    else out.push([v, v])
  }
  return out
}
