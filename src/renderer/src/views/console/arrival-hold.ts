/** The operator counts as working on the table for this long after a pointer move, click, key or scroll in it. */
export const HOLD_IDLE_MS = 8000

/**
 * The watermark the table holds its rows at. While the operator works, arrivals after the watermark
 * wait behind the "N new" pill (the rows under the pointer and the focus do not move); otherwise
 * cases come in as they arrive (null).
 * Starting to work holds at the latest arrival known; the watermark never moves back.
 */
export function holdWatermark(
  working: boolean,
  current: number | null,
  lastArrival: number | null | undefined,
): number | null {
  if (!working) return null
  if (current !== null) return current
  return lastArrival ?? null
}
