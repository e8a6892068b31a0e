import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { committeeName, zhongshanDivisions } from '../../../src/server/reference/divisions'
import { contains, polygonArea, type Point } from '../../../src/server/reference/geometry'
import { apportion, apportionAtLeast, generateReference, gridAt } from '../../../src/server/reference/generate'
import { createRng } from '../../../src/server/reference/rng'
import { SOURCE } from '../../../src/server/reference/source-figures'

const ref = generateReference()
const K = Math.cos((22.5 * Math.PI) / 180)
const plane = (ring: readonly (readonly [number, number])[]): Point[] => ring.map(([x, y]) => [x * K, y] as const)
const shape = new Map([...ref.townShapes, ...ref.gridShapes].map((s) => [s.id, plane(s.ring)]))
const area = (id: string): number => Math.abs(polygonArea(shape.get(id) ?? []))
const { towns, grids, departments, workers, teams } = ref.data
const mediums = grids.filter((g) => g.level === 'medium')
const leaves = grids.filter((g) => g.level !== 'medium')

describe('reference data follows the source and the kept division list', () => {
  it('has the 23 towns and sub-districts with their GB/T 2260 codes, 1,740 grids and 4,355 grid workers', () => {
    expect(towns).toHaveLength(23)
    expect(towns.filter((t) => t.kind === 'subdistrict')).toHaveLength(8)
    const divisions = zhongshanDivisions()
    expect(divisions).toHaveLength(23)
    for (const t of towns) {
      expect(t.code).toMatch(/^442000\d{3}$/)
      expect(divisions.find((d) => d.code === t.code)?.name).toBe(t.name)
    }
    expect(leaves).toHaveLength(SOURCE.city.grids)
    expect(workers).toHaveLength(SOURCE.city.gridWorkers)
    expect(departments).toHaveLength(SOURCE.dongfeng.departments)
  })

  it('has the 287 village and community committees as medium grids, with their codes', () => {
    const committees = zhongshanDivisions().flatMap((d) => d.villages.map((v) => ({ ...v, town: d.code })))
    expect(committees).toHaveLength(287)
    expect(mediums).toHaveLength(287)
    expect(mediums.map((m) => m.code).sort()).toEqual(committees.map((c) => c.code).sort())
    for (const m of mediums) {
      const c = committees.find((x) => x.code === m.code)
      expect(m.name).toBe(committeeName(c?.name ?? ''))
      expect(towns.find((t) => t.id === m.townId)?.code).toBe(c?.town)
    }
    expect(committeeName('西冲社区居民委员会')).toBe('西冲社区')
    expect(committeeName('横东村民委员会')).toBe('横东村')
    // One joint police + grid-worker pair per committee.
    expect(teams).toHaveLength(287)
  })

  it('has Henglan with 11 medium and 66 small grids and Dongfeng with 80 all-subject grids', () => {
    const henglan = mediums.filter((g) => g.townId === 'henglan')
    expect(henglan).toHaveLength(SOURCE.henglan.mediumGrids)
    expect(henglan.map((g) => g.name)).toEqual(expect.arrayContaining(['横东村', '新茂村', '西冲社区', '裕祥村']))
    expect(grids.filter((g) => g.townId === 'henglan' && g.level === 'small')).toHaveLength(SOURCE.henglan.smallGrids)
    expect(grids.filter((g) => g.townId === 'dongfeng' && g.level === 'all_subject')).toHaveLength(
      SOURCE.dongfeng.allSubjectGrids,
    )
    for (const g of leaves) {
      const parent = mediums.find((m) => m.id === g.parentId)
      expect(parent?.townId).toBe(g.townId)
      expect(g.code?.startsWith(parent?.code ?? '-')).toBe(true)
    }
    // Every committee has at least one small grid under it.
    for (const m of mediums) expect(leaves.some((g) => g.parentId === m.id)).toBe(true)
    expect(new Set(grids.map((g) => g.id)).size).toBe(grids.length)
  })

  it('has rental buildings in Henglan’s proportion: its 3,068 (110,000 rooms, 1,919 large, all with video access), Dongfeng’s 6,000+', () => {
    const rentals = (townId: string) =>
      ref.components.filter((c) => c.townId === townId && c.kind === 'rental_building')
    const henglan = rentals('henglan')
    expect(henglan).toHaveLength(SOURCE.henglan.rentalBuildings)
    expect(henglan.reduce((s, c) => s + (c.rooms ?? 0), 0)).toBe(SOURCE.henglan.rentalRooms)
    const large = henglan.filter((c) => (c.rooms ?? 0) >= 15)
    expect(large).toHaveLength(SOURCE.henglan.largeRentalBuildings)
    expect(large.every((c) => c.videoAccess === true)).toBe(true)
    expect(rentals('dongfeng').length).toBeGreaterThan(SOURCE.dongfeng.rentalBuildings)
    expect(ref.components.filter((c) => c.townId === 'dongfeng').length).toBeGreaterThan(SOURCE.dongfeng.cityComponents)
    const perResident = SOURCE.henglan.rentalBuildings / SOURCE.henglan.population
    for (const t of towns.filter((x) => x.id !== 'henglan' && x.id !== 'dongfeng')) {
      // Xiaolan (~530,000 people) has about 4,000, not 60.
      expect(Math.abs(rentals(t.id).length - t.population * perResident)).toBeLessThanOrEqual(1)
    }
    expect(new Set(ref.components.map((c) => c.qrCode)).size).toBe(ref.components.length)
  })

  it('tiles the city with towns, each town with its medium grids and each medium grid with its leaves, without overlap', () => {
    for (const t of towns) {
      const inTown = leaves.filter((g) => g.townId === t.id)
      expect(inTown.reduce((s, g) => s + area(g.id), 0) / area(t.id)).toBeCloseTo(1, 3)
      const ms = mediums.filter((g) => g.townId === t.id)
      expect(ms.reduce((s, g) => s + area(g.id), 0) / area(t.id)).toBeCloseTo(1, 3)
      for (const m of ms) {
        const under = inTown.filter((g) => g.parentId === m.id)
        // (Shapes are rounded to 1e-5°, which a small village's area notices in the fourth digit.)
        expect(under.reduce((s, g) => s + area(g.id), 0) / area(m.id)).toBeCloseTo(1, 2)
      }
      // Each leaf's point is in it and in no other leaf (no overlap), and in its medium grid.
      for (const g of inTown) {
        expect(gridAt(ref, g.lng, g.lat)).toBe(g.id)
        expect(contains(shape.get(g.parentId ?? '') ?? [], [g.lng * K, g.lat])).toBe(true)
      }
    }
    const cityArea = towns.reduce((s, t) => s + area(t.id), 0)
    // Town shapes follow the towns' relative areas (within 10 %).
    const totalKm2 = towns.reduce((s, t) => s + t.areaKm2, 0)
    for (const t of towns) expect(area(t.id) / cityArea / (t.areaKm2 / totalKm2)).toBeGreaterThan(0.9)
  })

  it('is deterministic and ships matching, compact geometry: 1,740 grid units, medium grids as outlines only', () => {
    const geo = join(import.meta.dirname, '../../../resources/geo')
    const read = (f: string) => JSON.parse(readFileSync(join(geo, f), 'utf8')) as Record<string, unknown>
    const index = read('index.json') as { referenceVersion: string }
    expect(index.referenceVersion).toBe(ref.data.version)
    const features = (f: string) => (read(f) as { features: { id: string }[] }).features.map((x) => x.id)
    expect(features('grids.json').sort()).toEqual(leaves.map((g) => g.id).sort())
    expect(features('mediums.json').sort()).toEqual(mediums.map((g) => g.id).sort())
    expect(features('towns.json')).toHaveLength(23)
    const size = ['towns.json', 'grids.json', 'mediums.json', 'index.json'].reduce(
      (s, f) => s + statSync(join(geo, f)).size,
      0,
    )
    expect(size).toBeLessThan(1024 * 1024)
    const a = createRng('x')
    const b = createRng('x')
    expect([a.next(), a.next(), a.int(1, 6)]).toEqual([b.next(), b.next(), b.int(1, 6)])
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3])
    expect(apportionAtLeast(10, [8, 1, 1], [0, 3, 1])).toEqual([6, 3, 1])
  })
})
