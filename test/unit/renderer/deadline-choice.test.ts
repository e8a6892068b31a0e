import { describe, expect, it } from 'vitest'
import { chooseDeadline, deadlineFields } from '../../../src/renderer/src/lib/deadline-choice'

const HOUR = 3_600_000

describe('the deadline a dispatch form asks for', () => {
  it('is the default when empty, and the hours typed within the range with a reason otherwise', () => {
    // Sanitation, normal: default 24 h, 6–48 h.
    const pick = (hours: string, reason = '') => chooseDeadline({ hours, reason }, 'environment_sanitation', 'normal')
    expect(pick('')).toEqual({ ok: true, spanMs: 24 * HOUR })
    expect(pick('24')).toEqual({ ok: true, spanMs: 24 * HOUR })
    expect(pick('36')).toEqual({ ok: false, problem: 'reason' })
    expect(pick('36', ' 需协调物业 ')).toEqual({ ok: true, spanMs: 36 * HOUR, reason: '需协调物业' })
    expect(pick('49', '节假日')).toEqual({ ok: false, problem: 'range' })
    expect(pick('5', '紧急')).toEqual({ ok: false, problem: 'range' })
    expect(pick('abc')).toEqual({ ok: false, problem: 'number' })
    expect(pick('-2')).toEqual({ ok: false, problem: 'number' })
  })

  it('becomes the payload fields, the reason only when there is one', () => {
    expect(deadlineFields({ spanMs: 24 * HOUR }, 1000)).toEqual({ deadline: 1000 + 24 * HOUR })
    expect(deadlineFields({ spanMs: 36 * HOUR, reason: '需协调物业' }, 1000)).toEqual({
      deadline: 1000 + 36 * HOUR,
      deadlineReason: '需协调物业',
    })
  })
})
