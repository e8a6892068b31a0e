/** Presentation helpers, pure so they are tested without a DOM. */
import { districtClock, districtDateTime } from '@shared/time/district-time'

export type AgeKey = 'justNow' | 'seconds' | 'minutes' | 'hours' | 'days'

/** How old something is, as an i18n key under `age.` and its number. */
export function ageParts(thenMs: number, nowMs: number): { key: AgeKey; n: number } {
  const s = Math.max(0, Math.floor((nowMs - thenMs) / 1000))
  if (s < 5) return { key: 'justNow', n: 0 }
  if (s < 60) return { key: 'seconds', n: s }
  if (s < 3600) return { key: 'minutes', n: Math.floor(s / 60) }
  if (s < 86_400) return { key: 'hours', n: Math.floor(s / 3600) }
  return { key: 'days', n: Math.floor(s / 86_400) }
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  const units = ['KB', 'MB', 'GB', 'TB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${value.toFixed(value >= 100 ? 0 : 1)} ${units[unit]}`
}

/** HH:MM (24 h, the district's time zone, not the PC's), as the wall and status bar show times. */
export function clockTime(ms: number, withSeconds = false): string {
  return districtClock(ms, withSeconds)
}

/** YYYY-MM-DD HH:MM:SS in the district's time zone. */
export function formatDateTime(ms: number): string {
  return districtDateTime(ms)
}

/** A rate (0…1, or null when nothing was due) as a percentage with one decimal, "—" for none. */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`
}
