import { describe, expect, it } from 'vitest'
import { DEFAULT_RULE_SET } from '@shared/domain'
import {
  checkDraft,
  fromPercent,
  nextVersion,
  setAt,
  toPercent,
} from '../../../src/renderer/src/views/rulesets/rule-set-draft'

describe('the rule-set editor’s draft', () => {
  it('passes the shipped rule set and names every problem of a bad one, in Chinese by default', () => {
    expect(checkDraft(DEFAULT_RULE_SET, 'zh-CN').ok).toBe(true)
    const bad = setAt(
      setAt(DEFAULT_RULE_SET, ['units', 'department', 'indicators', 0, 'threshold'], 1.5),
      ['minVolume'],
      0,
    )
    const check = checkDraft(bad, 'zh-CN')
    expect(check.ok).toBe(false)
    if (check.ok) return
    expect(check.issues.map((i) => i.path).sort()).toEqual(['minVolume', 'units.department.indicators.0.threshold'])
    for (const i of check.issues) expect(i.message).toMatch(/[\u4e00-\u9fff]/)
    // A share is typed as a percentage, and its bound is said that way.
    expect(check.issues.find((i) => i.path.endsWith('threshold'))?.message).toBe('须在 0%–100% 之间')
    const english = checkDraft(bad, 'en')
    expect(english.ok || english.issues.every((i) => /^[\x20-\x7e]+$/.test(i.message))).toBe(true)
  })

  it('changes one value in a copy, leaving the original as it was', () => {
    const next = setAt(DEFAULT_RULE_SET, ['units', 'town', 'indicators', 1, 'points'], 25)
    expect(next.units.town.indicators[1]?.points).toBe(25)
    expect(DEFAULT_RULE_SET.units.town.indicators[1]?.points).toBe(20)
    expect(next.units.department).toBe(DEFAULT_RULE_SET.units.department)
  })

  it('proposes an unused version label and edits shares as percentages', () => {
    expect(nextVersion('ZS-2026.1', ['ZS-2026.1', 'ZS-2026.2'])).toBe('ZS-2026.3')
    expect(nextVersion('draft', [])).toBe('draft.1')
    expect(toPercent(0.95)).toBe(95)
    expect(fromPercent(87.5)).toBe(0.875)
    expect(toPercent(fromPercent(33.33))).toBe(33.33)
  })
})
