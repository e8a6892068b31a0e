/** Points with two decimals (scores compare at two decimals, docs/assessment.md §7). */
export const points = (v: number): string => v.toFixed(2)

/** A change as +1.25 / −0.50 / 0.00, or — when the unit was not assessed before. */
export function change(v: number | null): string {
  if (v === null) return '—'
  if (v > 0) return `+${v.toFixed(2)}`
  if (v < 0) return `−${Math.abs(v).toFixed(2)}`
  return '0.00'
}
