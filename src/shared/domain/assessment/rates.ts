/** A rate as a fraction in [0, 1], or null when nothing was judged (never 0/0 = 0%). */
export type Rate = number | null

export function rate(numerator: number, denominator: number): Rate {
  return denominator > 0 ? numerator / denominator : null
}

/** 结案率 = closed ÷ (due − suspended). */
export function completionRate(closed: number, due: number, suspended: number): Rate {
  return rate(closed, due - suspended)
}

/** 按期结案率 = closed on time ÷ (due − suspended); open overdue cases are in the denominator, so count as late. */
export function onTimeRate(closedOnTime: number, due: number, suspended: number): Rate {
  return rate(closedOnTime, due - suspended)
}

/** 整改率 = rectified ÷ hazards due for rectification. */
export function rectificationRate(rectified: number, found: number): Rate {
  return rate(rectified, found)
}

/**
 * The value at quantile q (0..1) of sorted values, nearest-rank (the smallest value with at least
 * q of the values at or below it): median = quantile(·, 0.5), P90 = quantile(·, 0.9).
 */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null
  const rank = Math.max(1, Math.ceil(q * sorted.length))
  return sorted[rank - 1] ?? null
}
