import { deadlineRange, isCustomHandling, type CategoryId, type Priority } from '@shared/domain'

const HOUR = 3_600_000

/** What the operator typed in a dispatch form's deadline field: hours (empty: the default) and a reason. */
export interface DeadlineInput {
  readonly hours: string
  readonly reason: string
}

export const DEFAULT_DEADLINE_INPUT: DeadlineInput = { hours: '', reason: '' }

export type DeadlineChoice =
  | { readonly ok: true; readonly spanMs: number; readonly reason?: string }
  | { readonly ok: false; readonly problem: 'number' | 'range' | 'reason' }

/** Hours as the field shows them (one decimal at most). */
export function hoursOf(ms: number): number {
  return Math.round((ms / HOUR) * 10) / 10
}

/**
 * The handling time a dispatch form asks for: the category's default when the field is empty, else the
 * hours typed, inside the category's range (deadline-range.ts), with a reason when not the default — the
 * same rule the server applies, so the form refuses what the server would.
 */
export function chooseDeadline(input: DeadlineInput, category: CategoryId, priority: Priority): DeadlineChoice {
  const range = deadlineRange(category, priority)
  const text = input.hours.trim()
  if (!text) return { ok: true, spanMs: range.defaultMs }
  const hours = Number(text)
  if (!Number.isFinite(hours) || hours <= 0) return { ok: false, problem: 'number' }
  const spanMs = Math.round(hours * HOUR)
  if (spanMs < range.minMs || spanMs > range.maxMs) return { ok: false, problem: 'range' }
  if (!isCustomHandling(spanMs, range)) return { ok: true, spanMs }
  const reason = input.reason.trim()
  return reason ? { ok: true, spanMs, reason } : { ok: false, problem: 'reason' }
}

/** The payload fields of a dispatch for this choice, issued at `now`. */
export function deadlineFields(choice: { spanMs: number; reason?: string }, now: number) {
  return { deadline: now + choice.spanMs, ...(choice.reason ? { deadlineReason: choice.reason } : {}) }
}
