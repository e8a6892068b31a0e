import { describe, expect, it } from 'vitest'
import { ageParts, clockTime, formatBytes, formatDateTime } from '../../../src/renderer/src/lib/format'
import { parseRoute } from '../../../src/renderer/src/app/routes'

describe('presentation helpers', () => {
  it('says how old data is in the unit an operator reads at a glance', () => {
    const now = 1_800_000_000_000
    expect(ageParts(now - 2_000, now)).toEqual({ key: 'justNow', n: 0 })
    expect(ageParts(now - 42_000, now)).toEqual({ key: 'seconds', n: 42 })
    expect(ageParts(now - 7 * 60_000, now)).toEqual({ key: 'minutes', n: 7 })
    expect(ageParts(now - 5 * 3_600_000, now)).toEqual({ key: 'hours', n: 5 })
    expect(ageParts(now - 3 * 86_400_000, now)).toEqual({ key: 'days', n: 3 })
    // A clock a little ahead of the server never shows a negative age.
    expect(ageParts(now + 5_000, now)).toEqual({ key: 'justNow', n: 0 })
  })

  it('formats sizes and times compactly', () => {
    expect(formatBytes(512)).toBe('512 B')
    expect(formatBytes(161 * 1024)).toBe('161 KB')
    expect(formatBytes(3.5 * 1024 * 1024)).toBe('3.5 MB')
    // District time (+08:00) whatever the PC's zone: 01:05:07 UTC is 09:05:07 in Zhongshan.
    expect(clockTime(Date.UTC(2026, 10, 28, 1, 5, 7))).toBe('09:05')
    expect(clockTime(Date.UTC(2026, 10, 28, 1, 5, 7), true)).toBe('09:05:07')
    expect(formatDateTime(Date.UTC(2026, 10, 28, 16, 30, 0))).toBe('2026-11-29 00:30:00')
  })

  it('routes hashes and the /wall address, defaulting to the console', () => {
    expect(parseRoute('#/dispatch', '/')).toBe('dispatch')
    expect(parseRoute('#/console?ids=a,b', '/')).toBe('console')
    expect(parseRoute('', '/wall')).toBe('wall')
    expect(parseRoute('', '/wall/')).toBe('wall')
    expect(parseRoute('#/nonsense', '/')).toBe('console')
  })
})
