import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { polygonArea, type Point } from '../../../src/server/reference/geometry'
import { apportion, generateReference, gridAt } from '../../../src/server/reference/generate'
import { createRng } from '../../../src/server/reference/rng'

const ref = generateReference()
const shape = new Map([...ref.townShapes, ...ref.gridShapes].map((s) => [s.id, s.ring as readonly Point[]]))
const area = (id: string): number => Math.abs(polygonArea(shape.get(id) ?? []))

describe('reference data follows the source', () => {
  const { towns, grids, departments, workers, teams } = ref.data

  it('has the 23 towns and sub-districts, 1,740 grids and 4,355 grid workers', () => {
    expect(towns).toHaveLength(23)
    expect(towns.filter((t) => t.kind === 'subdistrict')).toHaveLength(8)
    expect(towns.map((t) => t.name)).toEqual(expect.arrayContaining(['横栏镇', '东凤镇', '石岐街道', '小榄镇']))
    expect(grids.filter((g) => g.level !== 'medium')).toHaveLength(1740)
    expect(workers).toHaveLength(4355)
    expect(departments).toHaveLength(21)
    expect(teams.length).toBeGreaterThan(23)
  })

  it('has Henglan with 11 medium and 66 small grids and Dongfeng with 80 all-subject grids', () => {
    expect(grids.filter((g) => g.townId === 'henglan' && g.level === 'medium')).toHaveLength(11)
    expect(grids.filter((g) => g.townId === 'henglan' && g.level === 'small')).toHaveLength(66)
    expect(grids.filter((g) => g.townId === 'dongfeng' && g.level === 'all_subject')).toHaveLength(80)
    for (const g of grids.filter((x) => x.level === 'small'))
      expect(grids.some((m) => m.id === g.parentId && m.level === 'medium')).toBe(true)
  })

  it('has Henglan’s 3,068 rental buildings (110,000 rooms, 1,919 large, all large ones with video access) and Dongfeng’s 12,000+ components', () => {
    const rentals = ref.components.filter((c) => c.townId === 'henglan' && c.kind === 'rental_building')
    expect(rentals).toHaveLength(3068)
    expect(rentals.reduce((s, c) => s + (c.rooms ?? 0), 0)).toBe(110_000)
    const large = rentals.filter((c) => (c.rooms ?? 0) >= 15)
    expect(large).toHaveLength(1919)
    expect(large.every((c) => c.videoAccess === true)).toBe(true)
    expect(ref.components.filter((c) => c.townId === 'dongfeng').length).toBeGreaterThan(12_000)
    expect(new Set(ref.components.map((c) => c.qrCode)).size).toBe(ref.components.length)
  })

  it('tiles each town with its grids and each medium grid with its small grids', () => {
    for (const t of towns) {
      const leaves = grids.filter((g) => g.townId === t.id && g.level !== 'medium')
      const sum = leaves.reduce((s, g) => s + area(g.id), 0)
      expect(sum / area(t.id)).toBeCloseTo(1, 3)
      for (const g of leaves) expect(gridAt(ref, g.lng, g.lat)).toBe(g.id)
    }
    const cityArea = towns.reduce((s, t) => s + area(t.id), 0)
    // Town shapes follow the towns' relative areas (within 10 %).
    const totalKm2 = towns.reduce((s, t) => s + t.areaKm2, 0)
    for (const t of towns) expect(area(t.id) / cityArea / (t.areaKm2 / totalKm2)).toBeGreaterThan(0.9)
  })

  it('is deterministic and ships matching geometry files under 3 MB', () => {
    const geo = join(import.meta.dirname, '../../../resources/geo')
    const index = JSON.parse(readFileSync(join(geo, 'index.json'), 'utf8')) as { referenceVersion: string }
    expect(index.referenceVersion).toBe(ref.data.version)
    const size = ['towns.json', 'grids.json', 'index.json'].reduce((s, f) => s + statSync(join(geo, f)).size, 0)
    expect(size).toBeLessThan(3 * 1024 * 1024)
    const a = createRng('x')
    const b = createRng('x')
    expect([a.next(), a.next(), a.int(1, 6)]).toEqual([b.next(), b.next(), b.int(1, 6)])
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3])
  })
})
