import type { CategoryId, Priority } from './categories'
import { defaultHandlingMs } from './deadlines'

const HOUR = 3_600_000
const MINUTE = 60_000

/**
 * How far an operator may move the handling deadline at dispatch, per category, as factors of the
 * default handling time (deadlines.ts). The project's own figures (the source gives none): every case
 * may be given as little as a quarter of its default time (never under one hour); life-safety
 * categories may not be given MORE time at dispatch (more time is an extension the supervisor
 * approves), the others up to twice, slow industrial-park cases up to three times.
 */
export const DEADLINE_LIMITS: Record<CategoryId, { readonly floor: number; readonly ceiling: number }> = {
  fire_safety: { floor: 0.25, ceiling: 1 },
  gas_safety: { floor: 0.25, ceiling: 1 },
  public_security: { floor: 0.25, ceiling: 1 },
  epidemic_control: { floor: 0.25, ceiling: 1 },
  environment_sanitation: { floor: 0.25, ceiling: 2 },
  city_components: { floor: 0.25, ceiling: 2 },
  rental_housing: { floor: 0.25, ceiling: 2 },
  resident_services: { floor: 0.25, ceiling: 2 },
  water_pollution: { floor: 0.25, ceiling: 2 },
  enterprise_safety: { floor: 0.25, ceiling: 2 },
  industrial_parks: { floor: 0.25, ceiling: 3 },
}

/** The shortest handling time any dispatch may set. */
export const MIN_HANDLING_MS = HOUR
/**
 * Clock slack the server allows around the range and the default: a workstation's clock may run a few
 * minutes off the server's, and a form's default is computed when it opens.
 */
export const DEADLINE_SLACK_MS = 5 * MINUTE

/** The handling times (ms after dispatch) a dispatch of this category and priority may set. */
export interface DeadlineRange {
  readonly minMs: number
  readonly defaultMs: number
  readonly maxMs: number
}

export function deadlineRange(category: CategoryId, priority: Priority): DeadlineRange {
  const defaultMs = defaultHandlingMs(category, priority)
  const { floor, ceiling } = DEADLINE_LIMITS[category]
  return {
    minMs: Math.min(defaultMs, Math.max(MIN_HANDLING_MS, Math.round(defaultMs * floor))),
    defaultMs,
    maxMs: Math.round(defaultMs * ceiling),
  }
}

/** Whether a handling time differs from the default (then a reason is required). */
export function isCustomHandling(spanMs: number, range: DeadlineRange): boolean {
  return Math.abs(spanMs - range.defaultMs) > DEADLINE_SLACK_MS
}

export type DeadlineCheck =
  | { readonly ok: true; readonly custom: boolean }
  | {
      readonly ok: false
      readonly code: 'deadline_out_of_range' | 'deadline_reason_required'
      readonly message: string
    }

/**
 * The server's check of a deadline an operator set at dispatch: counted from when the operator issued the
 * command (a command queued offline keeps the span chosen), but never from later than the server's now
 * (a clock running ahead gains nothing); inside the category's range, with a reason when not the default.
 */
export function checkDispatchDeadline(
  input: {
    readonly category: CategoryId
    readonly priority: Priority
    readonly deadline: number
    readonly reason: string | undefined
    readonly issuedAt: number
  },
  now: number,
): DeadlineCheck {
  const range = deadlineRange(input.category, input.priority)
  const span = input.deadline - Math.min(input.issuedAt, now)
  if (span < range.minMs - DEADLINE_SLACK_MS || span > range.maxMs + DEADLINE_SLACK_MS) {
    const hours = (ms: number) => `${Math.round((ms / HOUR) * 10) / 10} h`
    return {
      ok: false,
      code: 'deadline_out_of_range',
      message: `a ${input.category} ${input.priority} case may be given ${hours(range.minMs)} to ${hours(range.maxMs)}, not ${hours(span)}`,
    }
  }
  const custom = isCustomHandling(span, range)
  if (custom && !input.reason?.trim())
    return {
      ok: false,
      code: 'deadline_reason_required',
      message: 'a deadline other than the default needs a reason',
    }
  return { ok: true, custom }
}
