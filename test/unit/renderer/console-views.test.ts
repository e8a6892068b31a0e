import { describe, expect, it } from 'vitest'
import { buildReferenceIndex, componentKind, componentQr } from '../../../src/renderer/src/data/reference-index'
import { toRow } from '../../../src/renderer/src/views/console/incident-rows'
import { makeSavedView } from '../../../src/renderer/src/views/console/saved-views'
import { dispatched, HOUR, T0 } from './incident-fixture'

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

describe('saved views', () => {
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
