import { categoryDef, type CategoryId, type Priority } from './categories'

const HOUR = 3_600_000

/** Priority scales the category's base handling time (urgent cases get a quarter of it). */
export const PRIORITY_FACTOR: Record<Priority, number> = { urgent: 0.25, high: 0.5, normal: 1, low: 2 }

/** Default handling time in ms for a category and priority (never under one hour). */
export function defaultHandlingMs(category: CategoryId, priority: Priority): number {
  return Math.max(HOUR, Math.round(categoryDef(category).baseHours * PRIORITY_FACTOR[priority] * HOUR))
}

/** Default deadline for a dispatch issued at `dispatchedAt` (ms since epoch). */
export function defaultDeadline(category: CategoryId, priority: Priority, dispatchedAt: number): number {
  return dispatchedAt + defaultHandlingMs(category, priority)
}
