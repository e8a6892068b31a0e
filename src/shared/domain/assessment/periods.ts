import { DISTRICT_TZ_OFFSET_MINUTES } from '../../time/district-time'
import type { Span } from './judge'

export const PERIOD_KINDS = ['month', 'quarter', 'year', 'custom'] as const
export type PeriodKind = (typeof PERIOD_KINDS)[number]

/** Periods are cut at district midnight (src/shared/time/district-time.ts), whatever the machine's zone. */
export const ASSESSMENT_TZ_OFFSET_MINUTES = DISTRICT_TZ_OFFSET_MINUTES

export interface Period extends Span {
  readonly kind: PeriodKind
  /** 2026-11, 2026-Q4, 2026, or 2026-11-01~2026-11-15 (custom; the end day included). */
  readonly label: string
}

const pad = (n: number) => String(n).padStart(2, '0')
const offsetMs = (tz: number) => tz * 60_000
/** Midnight district time of a calendar date (month 1-based; overflow rolls over). */
const midnight = (y: number, m: number, d: number, tz: number) => Date.UTC(y, m - 1, d) - offsetMs(tz)

/** The month, quarter or year containing `at`. */
export function periodAt(kind: Exclude<PeriodKind, 'custom'>, at: number, tz = ASSESSMENT_TZ_OFFSET_MINUTES): Period {
  const local = new Date(at + offsetMs(tz))
  const y = local.getUTCFullYear()
  const m = local.getUTCMonth() + 1
  if (kind === 'year') return { kind, label: String(y), from: midnight(y, 1, 1, tz), to: midnight(y + 1, 1, 1, tz) }
  if (kind === 'quarter') {
    const q = Math.floor((m - 1) / 3)
    return { kind, label: `${y}-Q${q + 1}`, from: midnight(y, q * 3 + 1, 1, tz), to: midnight(y, q * 3 + 4, 1, tz) }
  }
  return { kind, label: `${y}-${pad(m)}`, from: midnight(y, m, 1, tz), to: midnight(y, m + 1, 1, tz) }
}

/** A custom range of whole district days, `first` to `last` inclusive (YYYY-MM-DD). */
export function customPeriod(first: string, last: string, tz = ASSESSMENT_TZ_OFFSET_MINUTES): Period {
  const parse = (s: string) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
    if (!m) throw new Error(`not a date (YYYY-MM-DD): ${s}`)
    return midnight(Number(m[1]), Number(m[2]), Number(m[3]), tz)
  }
  const from = parse(first)
  const to = parse(last) + 86_400_000
  if (to <= from) throw new Error(`the range ends before it starts: ${first}~${last}`)
  return { kind: 'custom', label: `${first}~${last}`, from, to }
}

/** The period before: the previous month, quarter or year; for a custom range, the same length just before. */
export function previousPeriod(p: Period, tz = ASSESSMENT_TZ_OFFSET_MINUTES): Period {
  if (p.kind === 'custom') {
    const len = p.to - p.from
    const day = (t: number) => new Date(t + offsetMs(tz)).toISOString().slice(0, 10)
    return customPeriod(day(p.from - len), day(p.from - 1), tz)
  }
  return periodAt(p.kind, p.from - 1, tz)
}
