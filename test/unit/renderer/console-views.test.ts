import { describe, expect, it } from 'vitest'
import { buildReferenceIndex, componentKind, componentQr } from '../../../src/renderer/src/data/reference-index'
import { toRow } from '../../../src/renderer/src/views/console/incident-rows'
import { countViews, makeSavedView, matchesView } from '../../../src/renderer/src/views/console/saved-views'
import { dispatched, HOUR, incident, T0 } from './incident-fixture'

const names = buildReferenceIndex(
  {
    version: 'v1',
    towns: [
      {
        id: 'henglan',
        name: '横栏镇',
        nameEn: 'Henglan',
        kind: 'town',
        areaKm2: 78,
        population: 400_000,
        lat: 0,
        lng: 0,
      },
    ],
    grids: [
      {
        id: 'henglan-m01-s01',
        townId: 'henglan',
        parentId: null,
        level: 'small',
        name: '新茂村第1网格',
        lat: 0,
        lng: 0,
      },
    ],
    departments: [{ id: 'fire', name: '消防救援', nameEn: 'Fire and rescue' }],
    teams: [{ id: 'team-1', townId: 'henglan', name: '横栏联勤1队', officer: '李警官', gridWorkerId: 'w-1' }],
    workers: [],
  },
  'zh-CN',
)
const row = (over: Parameters<typeof incident>[0] = {}) => toRow(incident(over), names, T0)

describe('row shaping', () => {
  it('resolves names in the operator language and flattens what the grid sorts on', () => {
    const r = toRow(
      dispatched('a', { kind: 'department', id: 'fire' }, T0, 48, { priority: 'urgent', pending: ['reassign'] }),
      names,
      T0,
    )
    expect(r).toMatchObject({
      town: '横栏镇',
      grid: '新茂村第1网格',
      assignee: '消防救援',
      priorityRank: 0,
      deadline: T0 + 48 * HOUR,
      pending: ['reassign'],
    })
    const en = buildReferenceIndex(
      {
        version: 'v',
        towns: [],
        grids: [],
        departments: [{ id: 'fire', name: '消防救援', nameEn: 'Fire and rescue' }],
        teams: [],
        workers: [],
      },
      'en',
    )
    expect(en.assigneeName('department', 'fire')).toBe('Fire and rescue')
    expect(en.townName('unknown')).toBe('unknown')
  })

  it('pushes the deadline back by time spent suspended', () => {
    const r = toRow(
      dispatched('a', { kind: 'team', id: 'team-1' }, T0, 10, {
        suspended: true,
        suspendedAt: T0 + HOUR,
        suspendedMs: 2 * HOUR,
      }),
      names,
      T0 + 3 * HOUR,
    )
    expect(r.deadline).toBe(T0 + 10 * HOUR + 2 * HOUR + 2 * HOUR)
    expect(r.assignee).toBe('横栏联勤1队')
  })

  it('derives the QR code and kind of a city component from its id', () => {
    expect(componentQr('henglan-rb-00012')).toBe('ZSQR-HENGLAN-RB-00012')
    expect(componentKind('henglan-rb-00012')).toBe('rental_building')
    expect(componentQr(null)).toBeNull()
    expect(componentKind('weird')).toBeNull()
  })
})

describe('built-in views', () => {
  const ctx = { now: T0 + 100 * HOUR, myTowns: ['henglan'] as const }

  it('awaiting dispatch holds reported and accepted cases only', () => {
    expect(matchesView('awaiting', row({ status: 'reported' }), ctx)).toBe(true)
    expect(matchesView('awaiting', row({ status: 'accepted' }), ctx)).toBe(true)
    expect(matchesView('awaiting', row({ status: 'dispatched' }), ctx)).toBe(false)
  })

  it('my town follows the scope; a city-wide scope sees everything', () => {
    expect(matchesView('my_town', row({ townId: 'dongfeng' }), ctx)).toBe(false)
    expect(matchesView('my_town', row({ townId: 'henglan' }), ctx)).toBe(true)
    expect(matchesView('my_town', row({ townId: 'dongfeng' }), { ...ctx, myTowns: '*' })).toBe(true)
  })

  it('overdue uses the shared rule: open, not suspended, past the effective deadline', () => {
    const late = toRow(dispatched('a', { kind: 'department', id: 'fire' }, T0, 24), names, T0)
    expect(matchesView('overdue', late, ctx)).toBe(true)
    expect(matchesView('overdue', late, { ...ctx, now: T0 + HOUR })).toBe(false)
    const paused = toRow(
      dispatched('b', { kind: 'department', id: 'fire' }, T0, 24, { suspended: true, suspendedAt: T0 + HOUR }),
      names,
      T0,
    )
    expect(matchesView('overdue', paused, ctx)).toBe(false)
    const closed = toRow(
      dispatched('c', { kind: 'department', id: 'fire' }, T0, 24, { status: 'closed', closedAt: T0 + 99 * HOUR }),
      names,
      T0,
    )
    expect(matchesView('overdue', closed, ctx)).toBe(false)
  })

  it('fire and gas hazards are the open fire_safety and gas_safety cases', () => {
    expect(matchesView('hazards', row({ category: 'gas_safety' }), ctx)).toBe(true)
    expect(matchesView('hazards', row({ category: 'fire_safety', status: 'closed' }), ctx)).toBe(false)
    expect(matchesView('hazards', row({ category: 'rental_housing' }), ctx)).toBe(false)
  })

  it('returned for rework: reworked at least once and still open', () => {
    expect(matchesView('rework', row({ reworkCount: 1, status: 'dispatched' }), ctx)).toBe(true)
    expect(matchesView('rework', row({ reworkCount: 1, status: 'closed' }), ctx)).toBe(false)
    expect(matchesView('rework', row({ reworkCount: 0 }), ctx)).toBe(false)
  })

  it('counts every view in one pass', () => {
    const rows = [
      row({ id: 'a' }),
      row({ id: 'b', category: 'gas_safety', status: 'accepted' }),
      row({ id: 'c', townId: 'x', status: 'closed' }),
    ]
    expect(countViews(rows, ctx)).toEqual({ all: 3, awaiting: 2, my_town: 2, overdue: 0, hazards: 2, rework: 0 })
  })

  it('a saved view keeps its base, quick filter, filter and sort model under a fresh id', () => {
    const v = makeSavedView(
      '  横栏燃气 ',
      {
        base: 'hazards',
        quickFilter: '横栏',
        filterModel: { category: { filterType: 'text', type: 'contains', filter: '燃气' } },
        sortModel: [{ colId: 'deadline', sort: 'asc' }],
      },
      T0,
      () => 0.5,
    )
    expect(v).toMatchObject({ name: '横栏燃气', base: 'hazards', quickFilter: '横栏', createdAt: T0 })
    expect(v.id).toMatch(/^v-/)
    expect(
      makeSavedView('x', { base: 'all', quickFilter: '', filterModel: {}, sortModel: [] }, T0, () => 0.7).id,
    ).not.toBe(v.id)
  })
})
