import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import {
  DISTRICT_TIME_ZONE,
  DISTRICT_TZ_OFFSET_MINUTES,
  districtClock,
  districtDate,
  districtDateTime,
  districtDayStart,
  districtMidnight,
  parseDistrictInput,
  toDistrictInput,
} from '../../../src/shared/time/district-time'

describe('district time', () => {
  it('holds the offset of its named zone (Intl agrees that Asia/Shanghai is +08:00)', () => {
    const at = Date.UTC(2026, 6, 1, 12, 0, 0)
    const hour = new Intl.DateTimeFormat('en-GB', { timeZone: DISTRICT_TIME_ZONE, hour: '2-digit', hour12: false })
    expect(Number(hour.format(at))).toBe((12 + DISTRICT_TZ_OFFSET_MINUTES / 60) % 24)
  })

  it('reads an instant as the district clock does, crossing midnight ahead of UTC', () => {
    const at = Date.UTC(2026, 10, 29, 16, 42, 5) // 00:42:05 on 30 Nov in Zhongshan
    expect(districtClock(at)).toBe('00:42')
    expect(districtClock(at, true)).toBe('00:42:05')
    expect(districtDate(at)).toBe('2026-11-30')
    expect(districtDateTime(at)).toBe('2026-11-30 00:42:05')
  })

  it('cuts days at district midnight, not UTC or the PC', () => {
    const midnight = Date.UTC(2026, 10, 29, 16, 0, 0) // 2026-11-30 00:00 +08:00
    expect(districtMidnight(2026, 11, 30)).toBe(midnight)
    expect(districtMidnight(2026, 11, 29, 1)).toBe(midnight)
    expect(districtDayStart(midnight + 5 * 3_600_000)).toBe(midnight)
    expect(districtDayStart(midnight - 1)).toBe(midnight - 86_400_000)
    expect(districtDayStart(midnight)).toBe(midnight)
  })

  it('round-trips a datetime-local value and refuses what is not one', () => {
    const at = Date.UTC(2026, 10, 29, 2, 42, 0)
    expect(toDistrictInput(at)).toBe('2026-11-29T10:42')
    expect(parseDistrictInput('2026-11-29T10:42')).toBe(at)
    expect(parseDistrictInput('2026-11-29')).toBe(Date.UTC(2026, 10, 28, 16, 0, 0))
    expect(parseDistrictInput('29/11/2026')).toBeNaN()
    expect(parseDistrictInput('2026-13-01')).toBeNaN()
    expect(parseDistrictInput('')).toBeNaN()
  })
})

/**
 * Every time shown or counted goes through district-time.ts: these calls read the PC's own zone,
 * which is how a UTC workstation once showed a clock eight hours off the charts.
 */
const PC_ZONE = [
  /\.get(FullYear|Month|Date|Day|Hours|Minutes|Seconds)\(\)/,
  /\.set(FullYear|Month|Date|Hours|Minutes|Seconds)\(/,
  /toLocale(Date|Time)String\(/,
  /getTimezoneOffset\(/,
  /new Date\(\s*[^()\s,]+\s*,/, // new Date(y, m, d…): local calendar fields
]

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sources(path)
    return /\.(ts|tsx)$/.test(name) ? [path] : []
  })
}

describe('no time read in the PC zone', () => {
  it('finds none in the renderer, the workstation core or the shared code', () => {
    const root = fileURLToPath(new URL('../../../', import.meta.url))
    const dirs = ['src/renderer/src', 'src/main/core', 'src/shared'].map((d) => join(root, d))
    const stray: string[] = []
    for (const file of dirs.flatMap(sources)) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (PC_ZONE.some((re) => re.test(line))) stray.push(`${relative(root, file)}:${i + 1}: ${line.trim()}`)
        })
    }
    expect(stray).toEqual([])
  })
})
