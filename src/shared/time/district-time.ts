/**
 * The district's one time zone. Every time the product shows, every day or hour it counts and
 * every date a filter or form reads is in this zone, never the viewing PC's: a workstation set to
 * UTC and the wall in the command room must agree on what "10:42" and "today" mean.
 *
 * China keeps one offset all year (+08:00, no daylight saving), so the zone is held as its IANA
 * name (for documentation and labels) and its fixed offset (for arithmetic, which stays pure and
 * identical in the core, the renderer and the server).
 */
export const DISTRICT_TIME_ZONE = 'Asia/Shanghai'
/** Minutes east of UTC of DISTRICT_TIME_ZONE. */
export const DISTRICT_TZ_OFFSET_MINUTES = 480

const MINUTE_MS = 60_000
const DAY_MS = 86_400_000
const pad = (n: number) => String(n).padStart(2, '0')

export interface DistrictParts {
  readonly year: number
  /** 1-based. */
  readonly month: number
  readonly day: number
  readonly hour: number
  readonly minute: number
  readonly second: number
}

/** The calendar fields of an instant as the district's wall clocks read it. */
export function districtParts(ms: number, offsetMinutes = DISTRICT_TZ_OFFSET_MINUTES): DistrictParts {
  const d = new Date(ms + offsetMinutes * MINUTE_MS)
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  }
}

/** HH:MM or HH:MM:SS, 24-hour, district time. */
export function districtClock(ms: number, withSeconds = false, offsetMinutes = DISTRICT_TZ_OFFSET_MINUTES): string {
  const p = districtParts(ms, offsetMinutes)
  return `${pad(p.hour)}:${pad(p.minute)}${withSeconds ? `:${pad(p.second)}` : ''}`
}

/** YYYY-MM-DD, district time. */
export function districtDate(ms: number, offsetMinutes = DISTRICT_TZ_OFFSET_MINUTES): string {
  const p = districtParts(ms, offsetMinutes)
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`
}

/** YYYY-MM-DD HH:MM:SS, district time. */
export function districtDateTime(ms: number, offsetMinutes = DISTRICT_TZ_OFFSET_MINUTES): string {
  return `${districtDate(ms, offsetMinutes)} ${districtClock(ms, true, offsetMinutes)}`
}

/** Midnight (district time) of a calendar date plus `days`; overflowing fields roll over. */
export function districtMidnight(
  year: number,
  month: number,
  day: number,
  days = 0,
  offsetMinutes = DISTRICT_TZ_OFFSET_MINUTES,
): number {
  return Date.UTC(year, month - 1, day + days) - offsetMinutes * MINUTE_MS
}

/** Midnight (district time) of the district day containing `ms`. */
export function districtDayStart(ms: number, offsetMinutes = DISTRICT_TZ_OFFSET_MINUTES): number {
  const shifted = ms + offsetMinutes * MINUTE_MS
  return shifted - (((shifted % DAY_MS) + DAY_MS) % DAY_MS) - offsetMinutes * MINUTE_MS
}

/** 'YYYY-MM-DDTHH:MM' (a datetime-local input's value), district time. */
export function toDistrictInput(ms: number, offsetMinutes = DISTRICT_TZ_OFFSET_MINUTES): string {
  return `${districtDate(ms, offsetMinutes)}T${districtClock(ms, false, offsetMinutes)}`
}

/** The instant a 'YYYY-MM-DD[THH:MM[:SS]]' value names when read as district time; NaN when it is not one. */
export function parseDistrictInput(text: string, offsetMinutes = DISTRICT_TZ_OFFSET_MINUTES): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim())
  if (!m) return Number.NaN
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number, number, number]
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return Number.NaN
  return Date.UTC(y, mo - 1, d, h, mi, s) - offsetMinutes * MINUTE_MS
}
