import { describe, expect, it } from 'vitest'
import { placeProblem, referenceLookup } from '@shared/domain'
import { DEFAULT_REFERENCE_SEED, generateReference, pointInGrid } from '../../../src/server/reference/generate'

/**
 * The place check against the district the server really generates: every
 * component, and points drawn inside every leaf grid, are where reports from
 * them say they are; a grid's point named as a neighbour town's grid is not.
 */
describe('report places in the generated district', () => {
  const ref = generateReference(DEFAULT_REFERENCE_SEED)
  const lookup = referenceLookup(ref.data, ref.components)

  it('accepts every component in its own grid and town', () => {
    const refused = ref.components
      .map((c) =>
        placeProblem(lookup, { townId: c.townId, gridId: c.gridId, componentId: c.id, lat: c.lat, lng: c.lng }),
      )
      .filter((p) => p !== null)
    expect(refused).toEqual([])
  })

  it('accepts points anywhere inside each leaf grid, and its centre', () => {
    let state = 7
    const random = () => (state = (state * 16807) % 2147483647) / 2147483647
    const refused: string[] = []
    for (const g of ref.data.grids) {
      if (g.level === 'medium') continue
      const centre = placeProblem(lookup, { townId: g.townId, gridId: g.id, componentId: null, lat: g.lat, lng: g.lng })
      if (centre) refused.push(centre)
      for (let i = 0; i < 10; i++) {
        const [lng, lat] = pointInGrid(ref, g.id, random)
        const problem = placeProblem(lookup, { townId: g.townId, gridId: g.id, componentId: null, lat, lng })
        if (problem) refused.push(problem)
      }
    }
    expect(refused).toEqual([])
  })

  it('refuses a grid’s point reported in a grid of a distant town', () => {
    const [a, b] = ref.data.towns
    const from = ref.data.grids.find((g) => g.townId === a?.id && g.level !== 'medium')
    const far = ref.data.grids
      .filter((g) => g.townId !== a?.id && g.level !== 'medium')
      .sort(
        (x, y) =>
          Math.hypot(y.lat - (from?.lat ?? 0), y.lng - (from?.lng ?? 0)) -
          Math.hypot(x.lat - (from?.lat ?? 0), x.lng - (from?.lng ?? 0)),
      )[0]
    expect(from && far && b).toBeTruthy()
    if (!from || !far) return
    expect(
      placeProblem(lookup, { townId: far.townId, gridId: far.id, componentId: null, lat: from.lat, lng: from.lng }),
    ).toMatch(/km from grid/)
  })
})
