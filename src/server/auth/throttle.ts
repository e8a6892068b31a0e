/**
 * Failed auth attempts per remote address, as a token bucket: `burst` failures
 * at once, then one more every `refillMs`. An address with an empty bucket is
 * refused before its request is even checked (no password hashing on its
 * behalf), so guessing from one machine is slow whichever accounts it tries.
 */
export class AddressThrottle {
  private readonly buckets = new Map<string, { tokens: number; at: number }>()

  constructor(
    private readonly burst = 10,
    private readonly refillMs = 6_000,
    private readonly now: () => number = Date.now,
  ) {}

  private level(address: string): { tokens: number; at: number } {
    const t = this.now()
    const b = this.buckets.get(address) ?? { tokens: this.burst, at: t }
    const refilled = Math.min(this.burst, b.tokens + (t - b.at) / this.refillMs)
    return { tokens: refilled, at: t }
  }

  /** Seconds to wait before this address may try again; 0 when it may try now. */
  retryAfter(address: string): number {
    const b = this.level(address)
    return b.tokens >= 1 ? 0 : Math.max(1, Math.ceil(((1 - b.tokens) * this.refillMs) / 1000))
  }

  /** Records one failure. */
  fail(address: string): void {
    const b = this.level(address)
    b.tokens = Math.max(0, b.tokens - 1)
    this.buckets.set(address, b)
    if (this.buckets.size > 10_000) this.sweep()
  }

  /** Full buckets carry no information: drop them so memory stays bounded. */
  private sweep(): void {
    for (const [address] of this.buckets) if (this.level(address).tokens >= this.burst) this.buckets.delete(address)
  }
}
