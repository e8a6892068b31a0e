import { describe, expect, it } from 'vitest'
import type { Aggregates, SyncStatus } from '../../../src/shared/contract'
import {
  areaRows,
  bucketLabel,
  categoryBars,
  formatRate,
  freshness,
  kpiTiles,
  leagueRows,
  rateTone,
  homeTown,
  scopeLabel,
  trendSeries,
} from '../../../src/renderer/src/data/situation-shape'
import { at } from './incident-factory'

const figures = {
  reported: 0,
  assessed: 0,
  closed: 0,
  closedOnTime: 0,
  completionRate: null,
  onTimeRate: null,
  open: 0,
  overdue: 0,
  reworkCount: 0,
}

function aggregates(): Aggregates {
  return {
    version: 3,
    computedAt: at(0, 12),
    dataAsOf: at(0, 12),
    cursor: 10,
    tzOffsetMinutes: 480,
    todayStart: at(0, 0),
    windowStart: at(29, 0),
    windowDays: 30,
    kpis: {
      ...figures,
      reported: 300,
      assessed: 200,
      closed: 192,
      closedOnTime: 170,
      completionRate: 0.96,
      onTimeRate: 0.85,
      open: 40,
      overdue: 5,
      reworkCount: 9,
      reportedToday: 12,
      suspended: 2,
      reworked: 7,
      fire: { found: 50, rectified: 49, rate: 0.98 },
      gas: { found: 0, rectified: 0, rate: null },
    },
    hourly: [{ from: at(0, 11), to: at(0, 12), reported: 3, closed: 1 }],
    daily: [
      { from: at(1, 0), to: at(0, 0), reported: 10, closed: 8 },
      { from: at(0, 0), to: at(-1, 0), reported: 12, closed: 3 },
    ],
    byCategory: [
      { category: 'gas_safety', area: 'social_governance', reported: 20, open: 4, overdue: 1, closed: 15 },
      { category: 'fire_safety', area: 'social_governance', reported: 30, open: 5, overdue: 2, closed: 20 },
      { category: 'industrial_parks', area: 'industrial_economy', reported: 50, open: 1, overdue: 0, closed: 40 },
    ],
    byArea: [
      { area: 'industrial_economy', reported: 50, open: 1, overdue: 0, closed: 40 },
      { area: 'social_governance', reported: 50, open: 9, overdue: 3, closed: 35 },
      { area: 'government_services', reported: 0, open: 0, overdue: 0, closed: 0 },
      { area: 'urban_management', reported: 0, open: 0, overdue: 0, closed: 0 },
    ],
    departments: [
      { id: 'fire', ...figures, assessed: 10, closed: 10, completionRate: 1, onTimeRate: 0.9 },
      { id: 'gas', ...figures, assessed: 0 },
    ],
    towns: [{ id: 'henglan', ...figures, assessed: 4, closed: 3, completionRate: 0.75, onTimeRate: 0.5, overdue: 1 }],
  }
}

describe('dashboard data shaping', () => {
  it('formats rates honestly: null (nothing due) is a dash, never 0 %', () => {
    expect(formatRate(0.9634)).toBe('96.3%')
    expect(formatRate(1)).toBe('100.0%')
    expect(formatRate(null)).toBe('—')
    expect(rateTone(0.95)).toBe('good')
    expect(rateTone(0.85)).toBe('warn')
    expect(rateTone(0.5)).toBe('bad')
    expect(rateTone(null)).toBe('neutral')
  })

  it('labels buckets in district time, whatever the viewer’s clock', () => {
    expect(bucketLabel(at(0, 9), 480, 'hour')).toBe('09:00')
    expect(bucketLabel(at(0, 0), 480, 'day')).toBe('06-15')
    expect(trendSeries(aggregates().daily, 480, 'day').map((d) => d.label)).toEqual(['06-14', '06-15'])
  })

  it('shapes the eight KPI tiles with their drill-downs', () => {
    const tiles = kpiTiles(aggregates())
    expect(tiles.map((t) => [t.id, t.value])).toEqual([
      ['reportedToday', '12'],
      ['open', '40'],
      ['overdue', '5'],
      ['completionRate', '96.0%'],
      ['onTimeRate', '85.0%'],
      ['fireRate', '98.0%'],
      ['gasRate', '—'],
      ['rework', '7'],
    ])
    expect(tiles.find((t) => t.id === 'overdue')?.detail.values.share).toBe('12.5%')
    // The daily mean of the window: (10 + 12) / 2.
    expect(tiles[0]?.detail.values.avg).toBe('11')
    expect(tiles.find((t) => t.id === 'completionRate')?.drill).toEqual({ metric: 'assessed' })
    expect(tiles.find((t) => t.id === 'onTimeRate')?.drill).toEqual({ metric: 'late' })
    expect(tiles.find((t) => t.id === 'fireRate')?.drill).toEqual({ metric: 'found', category: 'fire_safety' })
  })

  it('orders categories by reports, gives areas their shares, and ranks league rows', () => {
    expect(categoryBars(aggregates(), (c) => c).map((c) => c.category)).toEqual([
      'industrial_parks',
      'fire_safety',
      'gas_safety',
    ])
    expect(areaRows(aggregates()).map((a) => a.share)).toEqual([0.5, 0.5, 0, 0])
    const rows = leagueRows(aggregates().departments, (id) => id.toUpperCase())
    expect(rows.map((r) => [r.rank, r.name, r.completion, r.onTime])).toEqual([
      [1, 'FIRE', '100.0%', '90.0%'],
      [0, 'GAS', '—', '—'],
    ])
  })
})

describe('freshness: old numbers are never presented as live', () => {
  const status = (over: Partial<SyncStatus>): SyncStatus =>
    ({ connection: 'online', lastContactAt: 1000, newestEventAt: 900, offlineSince: null, ...over }) as SyncStatus
  it('is live only when the window reaches its core and the core the server', () => {
    expect(freshness(status({}), true, { at: 1100, hostLostAt: null })).toEqual({
      state: 'live',
      asOf: 1000,
      live: true,
    })
    expect(freshness(status({ connection: 'offline' }), true, { at: 1100, hostLostAt: null })).toEqual({
      state: 'offline',
      asOf: 1000,
      live: false,
    })
    expect(freshness(status({ connection: 'connecting' }), true, { at: 1100, hostLostAt: null }).live).toBe(false)
    // Online by the core's last word, but the server silent past a heartbeat: "checking", not live.
    expect(freshness(status({}), true, { at: 1100, hostLostAt: null }, true)).toEqual({
      state: 'checking',
      asOf: 1000,
      live: false,
    })
    expect(freshness(status({ connection: 'catching_up' }), true, { at: 1100, hostLostAt: null }).state).toBe(
      'catching_up',
    )
    // The browser lost its host: as of the earliest of the last contact and the loss.
    expect(freshness(status({}), false, { at: 1100, hostLostAt: 1050 })).toEqual({
      state: 'host_lost',
      asOf: 1000,
      live: false,
    })
    expect(freshness(undefined, true, { at: null, hostLostAt: null })).toEqual({
      state: 'offline',
      asOf: null,
      live: false,
    })
  })
})

describe('scopeLabel', () => {
  const name = (id: string) => ({ henglan: '横栏镇', dongfeng: '东凤镇' })[id] ?? id
  it('names the whole city for a city-wide principal (and before the principal is known)', () => {
    expect(scopeLabel('*', name, '全市', '、')).toBe('全市')
    expect(scopeLabel(undefined, name, '全市', '、')).toBe('全市')
  })
  it("names a scoped principal's towns", () => {
    expect(scopeLabel(['henglan'], name, '全市', '、')).toBe('横栏镇')
    expect(scopeLabel(['henglan', 'dongfeng'], name, '全市', '、')).toBe('横栏镇、东凤镇')
  })
})

describe('homeTown', () => {
  it("starts a one-town principal's map at its town, anyone else at the whole city", () => {
    expect(homeTown(['henglan'])).toBe('henglan')
    expect(homeTown(['henglan', 'dongfeng'])).toBeNull()
    expect(homeTown('*')).toBeNull()
    expect(homeTown(undefined)).toBeNull()
  })
})
