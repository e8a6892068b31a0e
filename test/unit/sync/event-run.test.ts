import { describe, expect, it } from 'vitest'
import { place, selectRun, type Placed } from '../../../src/main/core/sync/event-run'

const e = (seq: unknown, tag = '') => ({ seq, tag })
const seqs = (placed: readonly Placed[]) => placed.map((p) => p.seq)

describe('placing the items of a page', () => {
  it('keeps each readable seq and orders by it', () => {
    const raw = [e(12), e(10), e(11)]
    expect(place(raw, 9)).toEqual([
      { seq: 10, raw: raw[1] },
      { seq: 11, raw: raw[2] },
      { seq: 12, raw: raw[0] },
    ])
  })

  it('gives an item without a readable seq the slot after its predecessor when its successor comes later', () => {
    const broken = [e(5), 'garbage', e(7), { seq: -1 }, e(9), { seq: 1.5 }, { seq: 'x' }]
    const placed = place(broken, 4)
    expect(seqs(placed)).toEqual([5, 6, 7, 8, 9, 10, 11])
    expect(placed[1]!.raw).toBe('garbage')
    expect(placed[3]!.raw).toEqual({ seq: -1 })
    expect(placed[5]!.raw).toEqual({ seq: 1.5 })
  })

  it('drops an unreadable item that has no slot (its successor already takes it)', () => {
    expect(seqs(place([e(5), null, e(6)], 4))).toEqual([5, 6])
    expect(seqs(place([null, e(1)], 0))).toEqual([1])
    expect(seqs(place([null, e(3)], 0))).toEqual([1, 3])
    expect(seqs(place([null], 7))).toEqual([8])
    expect(seqs(place([{ seq: 0 }, e(2)], 0))).toEqual([1, 2])
    expect(seqs(place([{ seq: Number.MAX_SAFE_INTEGER + 2 }], 3))).toEqual([4])
    expect(place([], 3)).toEqual([])
  })
})

describe('choosing the run to apply', () => {
  const placed = (...s: number[]) => s.map((seq) => ({ seq, raw: e(seq) }))

  it('takes the contiguous run after the cursor, skipping what it has, and stops at a gap', () => {
    expect(selectRun(placed(3, 4, 5, 6), 4, undefined)).toEqual({
      run: placed(5, 6),
      gapAt: null,
      cursor: 6,
    })
    expect(selectRun(placed(5, 6, 8, 9), 4, undefined)).toEqual({ run: placed(5, 6), gapAt: 7, cursor: 6 })
    expect(selectRun(placed(7), 4, undefined)).toEqual({ run: [], gapAt: 5, cursor: 4 })
    expect(selectRun(placed(5, 5, 6), 4, undefined)).toEqual({ run: placed(5, 6), gapAt: null, cursor: 6 })
    expect(selectRun(placed(1, 2), 4, undefined)).toEqual({ run: [], gapAt: null, cursor: 4 })
    expect(selectRun([], 4, undefined)).toEqual({ run: [], gapAt: null, cursor: 4 })
  })

  it('for a town-scoped batch takes what it covers above the cursor and moves the cursor to its end', () => {
    // Seqs 6 and 8 were not this principal's: the batch covering 5–9 holds 5, 7 and 9.
    expect(selectRun(placed(5, 7, 9), 4, { fromSeq: 5, throughSeq: 9 })).toEqual({
      run: placed(5, 7, 9),
      gapAt: null,
      cursor: 9,
    })
    // Overlapping the cursor: what it has drops out; repeats and anything past the range too.
    expect(selectRun(placed(3, 5, 5, 7, 12), 4, { fromSeq: 2, throughSeq: 9 })).toEqual({
      run: placed(5, 7),
      gapAt: null,
      cursor: 9,
    })
    // Empty, and covering only what it already has: the cursor never goes back.
    expect(selectRun([], 4, { fromSeq: 5, throughSeq: 5 })).toEqual({ run: [], gapAt: null, cursor: 5 })
    expect(selectRun([], 9, { fromSeq: 3, throughSeq: 6 })).toEqual({ run: [], gapAt: null, cursor: 9 })
    // A replay page names no start: it follows the cursor by construction.
    expect(selectRun(placed(6), 4, { fromSeq: null, throughSeq: 8 })).toEqual({
      run: placed(6),
      gapAt: null,
      cursor: 8,
    })
  })

  it('refuses a town-scoped batch that starts past cursor + 1 (one was lost)', () => {
    expect(selectRun(placed(7, 8), 4, { fromSeq: 6, throughSeq: 8 })).toEqual({ run: [], gapAt: 5, cursor: 4 })
    expect(selectRun(placed(5), 4, { fromSeq: 5, throughSeq: 5 }).gapAt).toBeNull()
  })
})
