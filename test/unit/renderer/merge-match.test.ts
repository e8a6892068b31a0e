import { describe, expect, it } from 'vitest'
import {
  distanceMetres,
  formatDistance,
  mergeMatch,
  preselectedDuplicate,
  STRONG_NEAR_METRES,
} from '../../../src/renderer/src/views/console/merge-match'
import { incident, T0 } from './incident-fixture'

const MIN = 60_000
/** Degrees of latitude for a distance north, in metres. */
const north = (m: number) => m / 111_195

describe('merge match', () => {
  const theCase = incident({ id: 'a', category: 'fire_safety', lat: 22.5, lng: 113.2, componentId: null })

  it('measures the distance between two reports in metres', () => {
    expect(distanceMetres(theCase, { lat: 22.5 + north(100), lng: 113.2 })).toBeCloseTo(100, 0)
    expect(formatDistance(84.6)).toBe('85 m')
    expect(formatDistance(1234)).toBe('1.2 km')
  })

  it('is strong for the same coded component, whatever the distance or time', () => {
    const a = incident({ ...theCase, componentId: 'henglan-hy-00012' })
    const b = incident({
      id: 'b',
      componentId: 'henglan-hy-00012',
      lat: 22.51,
      category: 'city_components',
      reportedAt: T0 + 20 * 60 * MIN,
    })
    expect(mergeMatch(a, b)).toMatchObject({ reason: 'same_component', strong: true, sameCategory: false })
  })

  it('is strong for the same category within 150 m and 2 hours, weak just outside either', () => {
    const near = incident({ id: 'b', category: 'fire_safety', lat: 22.5 + north(120), reportedAt: T0 + 90 * MIN })
    expect(mergeMatch(theCase, near)).toMatchObject({ reason: 'near_same_category', strong: true, minutesApart: 90 })
    const far = incident({ id: 'c', category: 'fire_safety', lat: 22.5 + north(STRONG_NEAR_METRES + 30) })
    expect(mergeMatch(theCase, far).strong).toBe(false)
    const late = incident({ id: 'd', category: 'fire_safety', reportedAt: T0 - 3 * 60 * MIN })
    expect(mergeMatch(theCase, late)).toMatchObject({ strong: false, minutesApart: -180 })
    const other = incident({ id: 'e', category: 'gas_safety' })
    expect(mergeMatch(theCase, other)).toMatchObject({ reason: 'weak', sameCategory: false })
  })

  it('preselects nothing unless a candidate is strong; then the same component, else the nearest', () => {
    const weak = incident({ id: 'w', category: 'fire_safety', lat: 22.5 + north(400) })
    expect(preselectedDuplicate(theCase, [weak])).toBeNull()
    expect(preselectedDuplicate(theCase, [])).toBeNull()
    const near100 = incident({ id: 'n100', category: 'fire_safety', lat: 22.5 + north(100) })
    const near20 = incident({ id: 'n20', category: 'fire_safety', lat: 22.5 + north(20) })
    expect(preselectedDuplicate(theCase, [weak, near100, near20])).toBe('n20')
    const a = incident({ ...theCase, componentId: 'henglan-sl-00001' })
    const sameComponent = incident({ id: 'sc', componentId: 'henglan-sl-00001', lat: 22.5 + north(140) })
    expect(preselectedDuplicate(a, [near20, sameComponent])).toBe('sc')
  })
})
