import { describe, expect, it } from 'vitest'
import { DEFAULT_RECTIFICATION_TARGET, DEFAULT_RULE_SET, ruleSetSchema } from '@shared/domain'

describe('the rule set’s year targets', () => {
  it('ship with the default and fill in for a rule set saved before targets existed', () => {
    expect(DEFAULT_RULE_SET.targets.rectification).toBe(DEFAULT_RECTIFICATION_TARGET)
    const { targets: _, ...older } = DEFAULT_RULE_SET
    expect(ruleSetSchema.parse(older).targets).toEqual({ rectification: 0.95 })
  })

  it('refuse a target that is not a share', () => {
    const bad = ruleSetSchema.safeParse({ ...DEFAULT_RULE_SET, targets: { rectification: 1.2 } })
    expect(bad.success).toBe(false)
    expect(bad.error?.issues[0]?.path).toEqual(['targets', 'rectification'])
  })
})
