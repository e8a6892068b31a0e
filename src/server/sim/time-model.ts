/**
 * The simulator's one clock model. The district runs in real time (scale 1) or
 * compressed (scale N: N district hours pass in one real hour). Every duration
 * the simulator uses — deadlines it sets, handling, verification, lateness,
 * escalation periods — and the daily rhythm of arrivals are district time,
 * turned into real time by the same factor, so a compressed district is the
 * real one played faster, never a mix of the two.
 */
export interface TimeModel {
  /** District time per unit of real time (1 = real time). */
  readonly scale: number
}

export const MINUTE = 60_000
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR
/** China Standard Time, for the district's hour of day. */
const CST_MS = 8 * HOUR

export const REAL_TIME: TimeModel = { scale: 1 }

export function timeModel(scale = 1): TimeModel {
  if (!Number.isFinite(scale) || scale < 1) throw new Error(`the time scale must be 1 or more (got ${scale})`)
  return { scale }
}

/** Real milliseconds a span of district time takes. */
export function realMs(time: TimeModel, districtMs: number): number {
  return districtMs / time.scale
}

/**
 * The district's hour of day (0–23, China Standard Time) at real time `t`. The district clock is
 * anchored at the epoch (district time = real time × scale), so it runs on across restarts.
 */
export function districtHour(time: TimeModel, t: number): number {
  const d = (t * time.scale + CST_MS) % DAY
  return Math.floor((d < 0 ? d + DAY : d) / HOUR)
}
