import { DISTRICT_TZ_OFFSET_MINUTES } from '@shared/time/district-time'

/**
 * Days and hours as the district counts them: cut in a fixed time zone (China
 * has one offset all year, +08:00), not the workstation's, so every
 * workstation and the wall agree on what "today" is.
 */
export const HOUR_MS = 3_600_000
export const DAY_MS = 24 * HOUR_MS
export { DISTRICT_TZ_OFFSET_MINUTES }

export interface Clock {
  readonly offsetMs: number
}

export function clockFor(offsetMinutes: number = DISTRICT_TZ_OFFSET_MINUTES): Clock {
  return { offsetMs: offsetMinutes * 60_000 }
}

/** Index of the district day containing `t` (days since the epoch, district time). */
export function dayIndex(clock: Clock, t: number): number {
  return Math.floor((t + clock.offsetMs) / DAY_MS)
}

export function dayStart(clock: Clock, index: number): number {
  return index * DAY_MS - clock.offsetMs
}

export function hourIndex(clock: Clock, t: number): number {
  return Math.floor((t + clock.offsetMs) / HOUR_MS)
}

export function hourStart(clock: Clock, index: number): number {
  return index * HOUR_MS - clock.offsetMs
}

/** The window's day indices, oldest first, ending with today. */
export function windowDays(clock: Clock, now: number, days: number): number[] {
  const today = dayIndex(clock, now)
  return Array.from({ length: days }, (_, i) => today - days + 1 + i)
}
