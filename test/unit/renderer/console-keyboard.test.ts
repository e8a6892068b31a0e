import { describe, expect, it } from 'vitest'
import type { ReferenceData } from '@shared/domain'
import { screenForDigit } from '../../../src/renderer/src/app/shortcut-lists'
import { dispatchTargets } from '../../../src/renderer/src/data/dispatch-targets'
import { pinyinKeys, searchable, searchTargets } from '../../../src/renderer/src/lib/target-search'
import { routingMismatch } from '../../../src/renderer/src/views/console/action-forms'
import { consoleKeyFor } from '../../../src/renderer/src/views/console/use-console-keys'

const departments = [
  { id: 'police', name: '公安分局', nameEn: 'Public Security' },
  { id: 'fire', name: '消防救援', nameEn: 'Fire and Rescue' },
  { id: 'sanitation', name: '环境卫生', nameEn: 'Sanitation' },
  { id: 'urban_admin', name: '综合行政执法', nameEn: 'Urban Administration' },
  { id: 'health', name: '卫生健康', nameEn: 'Health' },
]
const asTargets = departments.map((d) => ({ kind: 'department' as const, id: d.id, name: d.name }))

describe('target type-ahead', () => {
  it('spells a name in pinyin initials and in full, from the dictionary', () => {
    expect(pinyinKeys('消防救援')).toEqual({ initials: 'xfjy', spelled: 'xiaofangjiuyuan' })
    expect(pinyinKeys('综合行政执法').initials).toBe('zhxzzf')
    expect(pinyinKeys('Fire and Rescue')).toEqual({ initials: 'far', spelled: 'fireandrescue' })
  })

  it('finds a unit by its initials, its name or its spelling, best match first', () => {
    const list = searchable(asTargets)
    expect(searchTargets('xf', list).map((t) => t.id)).toEqual(['fire'])
    expect(searchTargets('hjws', list)[0]?.id).toBe('sanitation')
    // 卫生 is in two names: the one that starts with it first.
    expect(searchTargets('卫生', list).map((t) => t.id)).toEqual(['health', 'sanitation'])
    expect(searchTargets('xiaofang', list).map((t) => t.id)).toEqual(['fire'])
    expect(searchTargets('qq', list)).toEqual([])
    // Nothing typed: the list as given (the recommendation leads it).
    expect(searchTargets('', list).map((t) => t.id)).toEqual(departments.map((d) => d.id))
  })
})

describe('dispatch targets', () => {
  const ref = {
    version: '1',
    towns: [],
    departments,
    grids: [
      { id: 'g-near', townId: 'henglan', parentId: null, level: 'medium', name: '近', lat: 22.5, lng: 113.25 },
      { id: 'g-far', townId: 'henglan', parentId: null, level: 'medium', name: '远', lat: 22.6, lng: 113.4 },
    ],
    teams: [
      { id: 'team-far', townId: 'henglan', name: '横栏联勤二队', officer: '甲', gridWorkerId: 'w-far' },
      { id: 'team-near', townId: 'henglan', name: '横栏联勤一队', officer: '乙', gridWorkerId: 'w-near' },
      { id: 'team-other', townId: 'dongfeng', name: '东凤联勤队', officer: '丙', gridWorkerId: 'w-near' },
    ],
    workers: [
      { id: 'w-near', name: '张', townId: 'henglan', gridId: 'g-near', fullTime: true },
      { id: 'w-far', name: '李', townId: 'henglan', gridId: 'g-far', fullTime: true },
    ],
  } as unknown as ReferenceData
  const place = { townId: 'henglan', lat: 22.501, lng: 113.25 }

  it("preselects the category's unit and lists it first; the town's joint teams follow, nearest first", () => {
    const got = dispatchTargets({ ...place, category: 'fire_safety' }, ref, 'zh-CN', (km) => `${km.toFixed(1)}km`)
    expect(got.recommended).toMatchObject({ kind: 'department', id: 'fire', name: '消防救援' })
    expect(got.list.map((t) => t.id)).toEqual([
      'fire',
      'police',
      'sanitation',
      'urban_admin',
      'health',
      'team-near',
      'team-far',
    ])
    expect(got.list.at(-2)?.note).toBe('0.1km')
  })

  it('names units in English when the desk does', () => {
    const got = dispatchTargets({ ...place, category: 'public_security' }, ref, 'en', String)
    expect(got.recommended?.name).toBe('Public Security')
  })

  it('has nothing to offer without reference data', () => {
    expect(dispatchTargets({ ...place, category: 'fire_safety' }, null, 'zh-CN', String)).toEqual({
      list: [],
      recommended: null,
    })
  })

  it('asks again only for an urgent or high case sent to a department its category does not route to', () => {
    expect(
      routingMismatch({ category: 'public_security', priority: 'urgent' }, { kind: 'department', id: 'sanitation' }),
    ).toBe(true)
    expect(
      routingMismatch({ category: 'public_security', priority: 'urgent' }, { kind: 'department', id: 'police' }),
    ).toBe(false)
    expect(
      routingMismatch({ category: 'public_security', priority: 'normal' }, { kind: 'department', id: 'sanitation' }),
    ).toBe(false)
    expect(routingMismatch({ category: 'public_security', priority: 'high' }, { kind: 'team', id: 'team-near' })).toBe(
      false,
    )
  })
})

describe('console keys', () => {
  const key = (k: string, over: Partial<Parameters<typeof consoleKeyFor>[0]> = {}) =>
    consoleKeyFor({ key: k, ctrlKey: false, altKey: false, metaKey: false, inEditable: false, inTable: false, ...over })

  it('moves with J/K, focuses the filter with /, opens with Enter only on a row', () => {
    expect(key('j')).toBe('down')
    expect(key('K')).toBe('up')
    expect(key('/')).toBe('filter')
    expect(key('Enter')).toBeNull()
    expect(key('Enter', { inTable: true })).toBe('open')
  })

  it('never acts while typing or with a modifier', () => {
    expect(key('j', { inEditable: true })).toBeNull()
    expect(key('/', { inEditable: true })).toBeNull()
    expect(key('j', { ctrlKey: true })).toBeNull()
  })

  it("opens the role's screens with Ctrl+1…6", () => {
    const routes = ['console', 'dispatch', 'map', 'dashboard', 'wall', 'settings'] as const
    expect(screenForDigit('2', routes)).toBe('dispatch')
    expect(screenForDigit('6', routes)).toBe('settings')
    expect(screenForDigit('7', routes)).toBeNull()
    expect(screenForDigit('3', ['desk', 'settings'])).toBeNull()
  })
})

describe('holding the queue still', () => {
  it('holds at the latest arrival when the operator starts working, keeps that watermark, lets go when idle', async () => {
    const { holdWatermark } = await import('../../../src/renderer/src/views/console/arrival-hold')
    expect(holdWatermark(true, null, 120)).toBe(120)
    expect(holdWatermark(true, 120, 125)).toBe(120)
    expect(holdWatermark(false, 120, 125)).toBeNull()
    // Nothing counted yet: nothing to hold at.
    expect(holdWatermark(true, null, undefined)).toBeNull()
  })
})
