import { describe, expect, it } from 'vitest'
import { drillFromHash } from '../../../src/renderer/src/views/console/drill-param'

const encode = (v: unknown) => encodeURIComponent(JSON.stringify(v))

describe('the console drill-down address', () => {
  it('reads the key a dashboard number sends', () => {
    expect(drillFromHash(`#/console?drill=${encode({ metric: 'overdue', townId: 'henglan' })}`)).toEqual({
      metric: 'overdue',
      townId: 'henglan',
    })
  })

  it('ignores a missing, malformed or invalid key instead of breaking the view', () => {
    expect(drillFromHash('#/console')).toBeNull()
    expect(drillFromHash('#/console?drill=')).toBeNull()
    expect(drillFromHash('#/console?drill=%7Bnot-json')).toBeNull()
    expect(drillFromHash(`#/console?drill=${encode({ metric: 'everything' })}`)).toBeNull()
    expect(drillFromHash(`#/console?drill=${encode({ metric: 'open', category: 'parking' })}`)).toBeNull()
  })
})
