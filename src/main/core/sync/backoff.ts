/**
 * Exponential backoff with jitter: the delay doubles per attempt up to `maxMs`,
 * and a random share of it (half, by default) is shaved off so a room full of
 * workstations does not reconnect or resend in lockstep after an outage.
 */
export function backoffMs(
  attempt: number,
  opts: { baseMs?: number; maxMs?: number; jitter?: number; random?: () => number } = {},
): number {
  const base = opts.baseMs ?? 500
  const max = opts.maxMs ?? 30_000
  const jitter = opts.jitter ?? 0.5
  const random = opts.random ?? Math.random
  const raw = Math.min(max, base * 2 ** Math.max(0, attempt - 1))
  return Math.round(raw * (1 - jitter * random()))
}
