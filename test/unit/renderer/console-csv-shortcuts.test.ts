import { describe, expect, it } from 'vitest'
import { buildPayload, EMPTY_FORM } from '../../../src/renderer/src/views/console/action-forms'
import { countdown, formatCountdown } from '../../../src/renderer/src/lib/countdown'
import { csvFileName, csvLabels } from '../../../src/renderer/src/views/console/csv-labels'
import { ACTION_KEYS, actionForKey, offeredActions } from '../../../src/renderer/src/views/console/shortcuts'
import { defaultDeadline } from '@shared/domain'
import { HOUR, T0 } from './incident-fixture'

describe('CSV export (the window side)', () => {
  it('names the file by district date and time, whatever the PC zone', () => {
    expect(csvFileName('incidents', new Date(Date.UTC(2026, 4, 8, 1, 5)))).toBe('incidents-20260508-0905.csv')
    expect(csvFileName('incidents', new Date(Date.UTC(2026, 4, 8, 17, 5)))).toBe('incidents-20260509-0105.csv')
  })

  it("sends the core every header and coded value's label in the operator's language and the district's time zone", () => {
    const labels = csvLabels((k) => `«${k}»`, 'en')
    expect(labels.headers.code).toBe('«columns.code»')
    expect(Object.keys(labels.headers)).toHaveLength(15)
    expect(labels.values['status.dispatched']).toBe('«status.dispatched»')
    expect(labels.values['actions.dispatch']).toBe('«actions.dispatch»')
    expect(labels.values['category.gas_safety']).toBe('«category.gas_safety»')
    expect(labels.tzOffsetMinutes).toBe(480) // Asia/Shanghai, not the PC's zone
    expect(labels.locale).toBe('en')
  })
})

describe('shortcuts', () => {
  it('gives every action its own key', () => {
    const keys = Object.values(ACTION_KEYS)
    expect(new Set(keys).size).toBe(keys.length)
  })

  it('fires only allowed actions, never while typing or with modifiers', () => {
    const key = (k: string, over = {}) => ({
      key: k,
      ctrlKey: false,
      altKey: false,
      metaKey: false,
      inEditable: false,
      ...over,
    })
    expect(actionForKey(key('d'), ['dispatch', 'reject'])).toBe('dispatch')
    expect(actionForKey(key('D'), ['dispatch'])).toBe('dispatch')
    expect(actionForKey(key('d'), ['reject'])).toBeNull()
    expect(actionForKey(key('d', { inEditable: true }), ['dispatch'])).toBeNull()
    expect(actionForKey(key('d', { ctrlKey: true }), ['dispatch'])).toBeNull()
    expect(actionForKey(key('Enter'), ['dispatch'])).toBeNull()
  })

  it('offers the allowed actions in button order and hides the handler-only ones', () => {
    expect(offeredActions(['comment', 'reject', 'dispatch', 'accept', 'acknowledge'])).toEqual([
      'accept',
      'dispatch',
      'reject',
      'comment',
    ])
  })

  it('offers a reopen request on a closed case (R), but no other request or decision', () => {
    expect(offeredActions(['request_reopen', 'comment', 'request_extension', 'decide_request'])).toEqual([
      'request_reopen',
      'comment',
    ])
    expect(ACTION_KEYS.request_reopen).toBe('R')
  })
})

describe('action payloads', () => {
  const inc = { category: 'gas_safety' as const, priority: 'urgent' as const }

  it('a dispatch carries the assignee and the default deadline for category and priority', () => {
    const r = buildPayload(
      'dispatch',
      { ...EMPTY_FORM, assignee: { kind: 'department', id: 'gas' }, note: ' 尽快 ' },
      inc,
      T0,
    )
    expect(r).toEqual({
      ok: true,
      payload: {
        assignee: { kind: 'department', id: 'gas' },
        deadline: defaultDeadline('gas_safety', 'urgent', T0),
        note: '尽快',
      },
    })
    expect(defaultDeadline('gas_safety', 'urgent', T0) - T0).toBe(6 * HOUR)
  })

  it('refuses what the server would refuse: missing reason, text, assignee or duplicate', () => {
    expect(buildPayload('reject', { ...EMPTY_FORM, reason: '   ' }, inc, T0)).toEqual({ ok: false, missing: 'reason' })
    expect(buildPayload('comment', EMPTY_FORM, inc, T0)).toEqual({ ok: false, missing: 'text' })
    expect(buildPayload('reassign', EMPTY_FORM, inc, T0)).toEqual({ ok: false, missing: 'assignee' })
    expect(buildPayload('merge', EMPTY_FORM, inc, T0)).toEqual({ ok: false, missing: 'duplicateOf' })
    expect(buildPayload('merge', { ...EMPTY_FORM, duplicateOf: 'i-9' }, inc, T0)).toEqual({
      ok: true,
      payload: { duplicateOf: 'i-9' },
    })
    expect(buildPayload('accept', EMPTY_FORM, inc, T0)).toEqual({ ok: true, payload: {} })
    expect(buildPayload('escalate', { ...EMPTY_FORM, reason: '超期未处置' }, inc, T0)).toEqual({
      ok: true,
      payload: { reason: '超期未处置' },
    })
  })
})

describe('countdown', () => {
  it('shows time left, warns under two hours, and turns into overdue-by', () => {
    expect(countdown(T0 + 3 * HOUR + 5 * 60_000, T0)).toEqual({ overdue: false, hours: 3, minutes: 5, soon: false })
    expect(countdown(T0 + HOUR, T0).soon).toBe(true)
    expect(countdown(T0 - 90 * 60_000, T0)).toEqual({ overdue: true, hours: 1, minutes: 30, soon: false })
    const units = { d: 'd', h: 'h', m: 'm' }
    expect(formatCountdown(countdown(T0 + 3 * HOUR + 5 * 60_000, T0), units)).toBe('3h 05m')
    expect(formatCountdown(countdown(T0 + 50 * HOUR, T0), units)).toBe('2d 2h')
  })
})
