import { describe, expect, it } from 'vitest'
import {
  RECONNECT_BASE_MS,
  RECONNECT_CAP_MS,
  ServerEndpoints,
  parseServerUrls,
} from '../../../src/main/core/sync/server-endpoints'

const A = 'http://10.0.0.1:4100'
const B = 'http://10.0.0.2:4100'
const C = 'http://10.0.0.3:4100'

describe('ServerEndpoints (failover across a cluster)', () => {
  it('moves to the next address on each failure and wraps round', () => {
    const e = new ServerEndpoints([A, B, C], () => 0)
    expect(e.current).toBe(A)
    e.failed()
    expect(e.current).toBe(B)
    e.failed()
    expect(e.current).toBe(C)
    e.failed()
    expect(e.current).toBe(A)
  })

  it('tries every other node quickly first, then backs off per failed round up to the cap', () => {
    const e = new ServerEndpoints([A, B, C], () => 0)
    // First round: base delay for each of the three addresses.
    expect([e.failed(), e.failed(), e.failed()]).toEqual([RECONNECT_BASE_MS, RECONNECT_BASE_MS, RECONNECT_BASE_MS])
    // Second round doubles, and so on, never past the cap.
    expect(e.failed()).toBe(RECONNECT_BASE_MS * 2)
    for (let i = 0; i < 60; i++) expect(e.failed()).toBeLessThanOrEqual(RECONNECT_CAP_MS)
    expect(e.failed()).toBe(RECONNECT_CAP_MS)
  })

  it('jitters each delay down by up to half, so seats do not retry in lockstep', () => {
    const low = new ServerEndpoints([A], () => 1)
    const high = new ServerEndpoints([A], () => 0)
    for (let i = 0; i < 40; i++) {
      low.failed()
      high.failed()
    }
    expect(low.failed()).toBe(RECONNECT_CAP_MS / 2)
    expect(high.failed()).toBe(RECONNECT_CAP_MS)
    const spread = new Set(Array.from({ length: 50 }, () => new ServerEndpoints([A]).failed()))
    expect(spread.size).toBeGreaterThan(1)
    for (const d of spread) {
      expect(d).toBeGreaterThanOrEqual(RECONNECT_BASE_MS / 2)
      expect(d).toBeLessThanOrEqual(RECONNECT_BASE_MS)
    }
  })

  it('a single address behaves as before: same address, growing delay', () => {
    const e = new ServerEndpoints([A], () => 0)
    expect([e.failed(), e.failed(), e.failed()]).toEqual([250, 500, 1000])
    expect(e.current).toBe(A)
  })

  it('an accepted session keeps the node and restarts the delay from the base', () => {
    const e = new ServerEndpoints([A, B], () => 0)
    for (let i = 0; i < 9; i++) e.failed()
    expect(e.current).toBe(B)
    e.succeeded()
    expect(e.failedAttempts).toBe(0)
    expect(e.current).toBe(B)
    expect(e.failed()).toBe(RECONNECT_BASE_MS)
    expect(e.current).toBe(A)
  })

  it('skip moves on without counting a failure', () => {
    const e = new ServerEndpoints([A, B], () => 0)
    e.skip()
    expect(e.current).toBe(B)
    expect(e.failedAttempts).toBe(0)
  })

  it('needs at least one address', () => {
    expect(() => new ServerEndpoints([])).toThrow(/no server address/)
  })
})

describe('parseServerUrls', () => {
  it('reads a comma-separated list, trimmed, duplicates dropped, order kept', () => {
    expect(parseServerUrls(A)).toEqual([A])
    expect(parseServerUrls(` ${A} , ${B},${A},, ${C} `)).toEqual([A, B, C])
  })

  it('refuses what is not a plain http(s) address, naming it', () => {
    expect(() => parseServerUrls(`${A},nope`)).toThrow(/must be a URL.*"nope"/)
    expect(() => parseServerUrls('ftp://h/')).toThrow(/http/)
    expect(() => parseServerUrls('http://u:p@h:1')).toThrow(/never go in a URL/)
    expect(() => parseServerUrls(' , ')).toThrow(/names no address/)
  })
})
