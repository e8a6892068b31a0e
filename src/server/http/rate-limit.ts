/** A token bucket's shape: `burst` requests at once, refilled at `perMinute`. */
export interface RateSpec {
  readonly perMinute: number
  readonly burst: number
}

interface Bucket {
  tokens: number
  at: number
  readonly spec: RateSpec
}

function refilled(b: Bucket, now: number): number {
  return Math.min(b.spec.burst, b.tokens + ((now - b.at) * b.spec.perMinute) / 60_000)
}

/**
 * Token buckets by key (an api key, an address). `take` spends one token or
 * says how many seconds until one is back (for Retry-After). A bucket that has
 * filled up again is the same as none, so idle keys are dropped as they are
 * met and in a sweep: memory follows the keys active in the last minute or so.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>()
  private lastSweep: number

  constructor(private readonly clock: () => number = Date.now) {
    this.lastSweep = clock()
  }

  /** null: allowed (a token was spent); otherwise whole seconds to wait. */
  take(key: string, spec: RateSpec): number | null {
    const now = this.clock()
    if (now - this.lastSweep > 60_000) this.sweep(now)
    const b = this.buckets.get(key) ?? { tokens: spec.burst, at: now, spec }
    b.tokens = refilled(b, now)
    b.at = now
    this.buckets.set(key, b)
    if (b.tokens >= 1) {
      b.tokens -= 1
      return null
    }
    return Math.max(1, Math.ceil(((1 - b.tokens) * 60) / spec.perMinute))
  }

  get size(): number {
    return this.buckets.size
  }

  private sweep(now: number): void {
    this.lastSweep = now
    for (const [key, b] of this.buckets) if (refilled(b, now) >= b.spec.burst) this.buckets.delete(key)
  }
}
