import { describe, expect, it } from 'vitest'
import { canonicalJson, eventHash, GENESIS_HASH } from '../../../src/server/log/hash'

describe('hash chain primitives', () => {
  it('writes canonical JSON with sorted keys at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null }, u: undefined })).toBe(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    )
  })

  it('changes the hash when any field, the payload or the predecessor changes', () => {
    const e = {
      seq: 1,
      incidentId: 'i',
      type: 'report',
      actorId: 'a',
      role: 'operator',
      workstationId: null,
      serverTime: 5,
      issuedAt: null,
      commandId: 'c',
      version: 1,
      prevHash: GENESIS_HASH,
    }
    const h = eventHash(e, '{"x":1}')
    expect(h).toMatch(/^[0-9a-f]{64}$/)
    expect(eventHash(e, '{"x":1}')).toBe(h)
    expect(eventHash(e, '{"x":2}')).not.toBe(h)
    expect(eventHash({ ...e, serverTime: 6 }, '{"x":1}')).not.toBe(h)
    expect(eventHash({ ...e, prevHash: 'f'.repeat(64) }, '{"x":1}')).not.toBe(h)
  })
})
