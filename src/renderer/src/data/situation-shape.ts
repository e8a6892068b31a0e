import type { Aggregates, DrillKey, LeagueRow, SyncStatus, TrendPoint } from '@shared/contract'
import type { AreaId, CategoryId, Rate } from '@shared/domain'

/**
 * Pure shaping of the core's aggregates into what the charts and tiles draw,
 * tested without a DOM (test/unit/situation/shape.test.ts).
 */

/** Whose figures these are: the whole city, or the towns the operator's principal reads (names in list order). */
export function scopeLabel(
  towns: '*' | readonly string[] | undefined,
  townName: (id: string) => string,
  wholeCity: string,
  separator: string,
): string {
  return !towns || towns === '*' ? wholeCity : towns.map(townName).join(separator)
}

/** Where a map of this principal's figures starts: its town when it reads exactly one, else the whole city. */
export function homeTown(towns: '*' | readonly string[] | undefined): string | null {
  return towns && towns !== '*' && towns.length === 1 ? towns[0]! : null
}

/** 0.9634 → "96.3%"; null (nothing was due) → "—", never a fake 0%. */
export function formatRate(rate: Rate, digits = 1): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(digits)}%`
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US')
}

const pad = (n: number) => String(n).padStart(2, '0')

/** HH:00 or MM-DD of a bucket start, in the district's time zone (not the viewer's). */
export function bucketLabel(from: number, tzOffsetMinutes: number, kind: 'hour' | 'day'): string {
  const d = new Date(from + tzOffsetMinutes * 60_000)
  return kind === 'hour' ? `${pad(d.getUTCHours())}:00` : `${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
}

export interface TrendDatum {
  readonly label: string
  readonly from: number
  readonly to: number
  readonly reported: number
  readonly closed: number
}

export function trendSeries(
  points: readonly TrendPoint[],
  tzOffsetMinutes: number,
  kind: 'hour' | 'day',
): TrendDatum[] {
  return points.map((p) => ({
    label: bucketLabel(p.from, tzOffsetMinutes, kind),
    from: p.from,
    to: p.to,
    reported: p.reported,
    closed: p.closed,
  }))
}

export type KpiId =
  'reportedToday' | 'open' | 'overdue' | 'completionRate' | 'onTimeRate' | 'fireRate' | 'gasRate' | 'rework'

export interface KpiTile {
  readonly id: KpiId
  /** What the tile shows large. */
  readonly value: string
  /** The raw number (a count, or a rate in [0, 1], or null). */
  readonly raw: number | null
  /** The secondary line: an i18n key under `kpi.` and its values. */
  readonly detail: { readonly key: string; readonly values: Record<string, string> }
  readonly tone: 'neutral' | 'good' | 'warn' | 'bad'
  /** The incidents behind the number. */
  readonly drill: DrillKey
}

/** Rates below 90% are a warning and below 80% bad (the city's headline is 98%). */
export function rateTone(rate: Rate): KpiTile['tone'] {
  if (rate === null) return 'neutral'
  return rate >= 0.9 ? 'good' : rate >= 0.8 ? 'warn' : 'bad'
}

export function kpiTiles(a: Aggregates): KpiTile[] {
  const k = a.kpis
  const avg = a.daily.length > 0 ? Math.round(a.daily.reduce((s, d) => s + d.reported, 0) / a.daily.length) : 0
  const share = k.open > 0 ? formatRate(k.overdue / k.open) : '—'
  return [
    {
      id: 'reportedToday',
      value: formatCount(k.reportedToday),
      raw: k.reportedToday,
      detail: { key: 'todayVsAvg', values: { avg: formatCount(avg) } },
      tone: 'neutral',
      drill: { metric: 'reported_today' },
    },
    {
      id: 'open',
      value: formatCount(k.open),
      raw: k.open,
      detail: { key: 'suspended', values: { n: formatCount(k.suspended) } },
      tone: 'neutral',
      drill: { metric: 'open' },
    },
    {
      id: 'overdue',
      value: formatCount(k.overdue),
      raw: k.overdue,
      detail: { key: 'overdueShare', values: { share } },
      tone: k.overdue > 0 ? 'bad' : 'good',
      drill: { metric: 'overdue' },
    },
    {
      id: 'completionRate',
      value: formatRate(k.completionRate),
      raw: k.completionRate,
      detail: { key: 'ofAssessed', values: { closed: formatCount(k.closed), assessed: formatCount(k.assessed) } },
      tone: rateTone(k.completionRate),
      drill: { metric: 'assessed' },
    },
    {
      id: 'onTimeRate',
      value: formatRate(k.onTimeRate),
      raw: k.onTimeRate,
      detail: { key: 'ofOnTime', values: { onTime: formatCount(k.closedOnTime), assessed: formatCount(k.assessed) } },
      tone: rateTone(k.onTimeRate),
      drill: { metric: 'late' },
    },
    {
      id: 'fireRate',
      value: formatRate(k.fire.rate),
      raw: k.fire.rate,
      detail: {
        key: 'ofFound',
        values: { rectified: formatCount(k.fire.rectified), found: formatCount(k.fire.found) },
      },
      tone: rateTone(k.fire.rate),
      drill: { metric: 'found', category: 'fire_safety' },
    },
    {
      id: 'gasRate',
      value: formatRate(k.gas.rate),
      raw: k.gas.rate,
      detail: { key: 'ofFound', values: { rectified: formatCount(k.gas.rectified), found: formatCount(k.gas.found) } },
      tone: rateTone(k.gas.rate),
      drill: { metric: 'found', category: 'gas_safety' },
    },
    {
      id: 'rework',
      value: formatCount(k.reworked),
      raw: k.reworked,
      detail: { key: 'reworkTimes', values: { n: formatCount(k.reworkCount) } },
      tone: k.reworked > 0 ? 'warn' : 'neutral',
      drill: { metric: 'reworked' },
    },
  ]
}

export interface CategoryDatum {
  readonly category: CategoryId
  readonly area: AreaId
  readonly label: string
  readonly reported: number
  readonly open: number
  readonly overdue: number
}

/** Categories by reports in the window, largest first; empty ones last (kept, so the chart's rows do not jump). */
export function categoryBars(a: Aggregates, label: (c: CategoryId) => string): CategoryDatum[] {
  return [...a.byCategory]
    .map((c) => ({
      category: c.category,
      area: c.area,
      label: label(c.category),
      reported: c.reported,
      open: c.open,
      overdue: c.overdue,
    }))
    .sort((x, y) => y.reported - x.reported || x.category.localeCompare(y.category))
}

export interface AreaDatum {
  readonly area: AreaId
  readonly reported: number
  readonly open: number
  readonly overdue: number
  readonly closed: number
  /** Share of the window's reports, [0, 1]. */
  readonly share: number
}

export function areaRows(a: Aggregates): AreaDatum[] {
  const total = a.byArea.reduce((s, r) => s + r.reported, 0)
  return a.byArea.map((r) => ({ ...r, share: total > 0 ? r.reported / total : 0 }))
}

export interface LeagueDatum {
  readonly rank: number
  readonly id: string
  readonly name: string
  readonly completion: string
  readonly onTime: string
  readonly completionRate: Rate
  readonly onTimeRate: Rate
  readonly assessed: number
  readonly overdue: number
  readonly open: number
}

/** Ranked rows (the core sorts them); rows with nothing due yet go last and get no rank. */
export function leagueRows(
  rows: readonly LeagueRow[],
  name: (id: string) => string,
  limit = rows.length,
): LeagueDatum[] {
  let rank = 0
  return rows.slice(0, limit).map((r) => ({
    rank: r.completionRate === null ? 0 : ++rank,
    id: r.id,
    name: name(r.id),
    completion: formatRate(r.completionRate),
    onTime: formatRate(r.onTimeRate),
    onTimeRate: r.onTimeRate,
    completionRate: r.completionRate,
    assessed: r.assessed,
    overdue: r.overdue,
    open: r.open,
  }))
}

/** `checking`: online by the last word, but the server has been silent past a heartbeat (maybe hung). */
export type LinkState = 'live' | 'checking' | 'catching_up' | 'offline' | 'host_lost'

export interface Freshness {
  readonly state: LinkState
  /** When the figures were last known to be current (what "data as of" names). */
  readonly asOf: number | null
  /** Whether the numbers may be presented as live. */
  readonly live: boolean
}

/**
 * Whether what the wall shows is live. Live only while this window reaches its
 * core and the core is online with the server; otherwise the figures are as of
 * the last contact with the server (or with the core), never "now".
 */
export function freshness(
  status: SyncStatus | undefined,
  hostLink: boolean,
  received: { readonly at: number | null; readonly hostLostAt: number | null },
  /** No word from the server (a heartbeat, an event) for longer than a heartbeat and a half. */
  silent = false,
): Freshness {
  const contact = status?.lastContactAt ?? status?.newestEventAt ?? null
  if (!hostLink) {
    const asOf = [contact, received.hostLostAt, received.at].filter((v): v is number => v !== null)
    return { state: 'host_lost', asOf: asOf.length > 0 ? Math.min(...asOf) : null, live: false }
  }
  if (!status || status.connection === 'offline' || status.connection === 'connecting') {
    return { state: 'offline', asOf: contact, live: false }
  }
  if (status.connection === 'catching_up') return { state: 'catching_up', asOf: contact, live: false }
  // The core drops the link after three missed heartbeats (~15 s); the screens stop saying "live" after one.
  if (silent) return { state: 'checking', asOf: contact, live: false }
  return { state: 'live', asOf: contact ?? received.at, live: true }
}
