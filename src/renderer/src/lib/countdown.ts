/** A deadline as the operator reads it: time left (or overdue by), hours and minutes. */
export interface Countdown {
  readonly overdue: boolean
  readonly hours: number
  readonly minutes: number
  /** Under two hours left: shown in the warning colour. */
  readonly soon: boolean
}

export function countdown(deadline: number, now: number): Countdown {
  const diff = deadline - now
  const abs = Math.abs(diff)
  const totalMinutes = Math.floor(abs / 60_000)
  return {
    overdue: diff < 0,
    hours: Math.floor(totalMinutes / 60),
    minutes: totalMinutes % 60,
    soon: diff >= 0 && diff < 2 * 3_600_000,
  }
}

/** "3h 05m" style text with the caller's unit labels. */
export function formatCountdown(c: Countdown, units: { h: string; m: string; d: string }): string {
  if (c.hours >= 48) return `${Math.floor(c.hours / 24)}${units.d} ${c.hours % 24}${units.h}`
  return `${c.hours}${units.h} ${String(c.minutes).padStart(2, '0')}${units.m}`
}
