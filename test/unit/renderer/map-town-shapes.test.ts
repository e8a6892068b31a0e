import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadGeometry } from '../../../src/main/core/aggregates/geometry-files'
import { townShapes } from '../../../src/renderer/src/data/map-geometry'
import { generateReference } from '../../../src/server/reference/generate'

describe('the map of a town', () => {
  it('colours and counts its leaf grids only, and draws its committees as outlines over them', async () => {
    const geometry = await loadGeometry(path.join(import.meta.dirname, '../../../resources'))
    if (!geometry) throw new Error('resources/geo is missing')
    const { grids } = generateReference().data
    // The district's grid units: the 1,740 leaves, not the 287 medium grids on top (2,027).
    expect(geometry.grids).toHaveLength(1740)
    expect(geometry.mediums).toHaveLength(287)
    const henglan = townShapes(geometry, grids, 'henglan')
    expect(henglan.shapes).toHaveLength(66)
    expect(henglan.outlines).toHaveLength(11)
    expect(henglan.shapes.every((s) => grids.find((g) => g.id === s.id)?.level === 'small')).toBe(true)
    const dongfeng = townShapes(geometry, grids, 'dongfeng')
    expect(dongfeng.shapes).toHaveLength(80)
    expect(dongfeng.outlines).toHaveLength(15)
  })
})
