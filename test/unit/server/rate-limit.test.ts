import { describe, expect, it } from 'vitest'
import { RateLimiter } from '../../../src/server/http/rate-limit'

describe('token-bucket rate limits', () => {
  it('allows a burst, then one request per refill, saying how long to wait', () => {
    let now = 0
    const limits = new RateLimiter(() => now)
    const spec = { perMinute: 6, burst: 3 } // one token every 10 s
    expect([1, 2, 3].map(() => limits.take('k', spec))).toEqual([null, null, null])
    expect(limits.take('k', spec)).toBe(10)
    now += 4_000
    expect(limits.take('k', spec)).toBe(6)
    now += 6_000
    expect(limits.take('k', spec)).toBeNull()
    expect(limits.take('other', spec)).toBeNull() // buckets are per key
  })

  it('forgets keys whose buckets filled up again', () => {
    let now = 0
    const limits = new RateLimiter(() => now)
    const spec = { perMinute: 60, burst: 5 }
    for (let i = 0; i < 100; i++) limits.take(`addr-${i}`, spec)
    expect(limits.size).toBe(100)
    now += 61_000
    limits.take('late', spec)
    expect(limits.size).toBe(1)
  })
})
