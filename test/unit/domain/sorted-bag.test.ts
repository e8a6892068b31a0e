import { describe, expect, it } from 'vitest'
import { SortedBag } from '@shared/domain/assessment/sorted-bag'

/** A tiny seeded generator (the sequence is the same on every run). */
function rng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

describe('SortedBag', () => {
  it('holds the same values as a plain sorted list through random adds, removes and reads', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const next = rng(seed)
      const bag = new SortedBag()
      const plain: number[] = []
      for (let step = 0; step < 3000; step++) {
        const roll = next()
        const v = Math.floor(next() * 40) // few distinct values: duplicates everywhere
        if (roll < 0.55) {
          bag.add(v)
          plain.push(v)
        } else if (roll < 0.9) {
          const at = plain.indexOf(v)
          expect(bag.remove(v)).toBe(at >= 0)
          if (at >= 0) plain.splice(at, 1)
        } else {
          expect(bag.values()).toEqual([...plain].sort((a, b) => a - b))
        }
        expect(bag.size).toBe(plain.length)
      }
      expect(bag.values()).toEqual([...plain].sort((a, b) => a - b))
    }
  })

  it('refuses to remove what it does not hold, also after a read', () => {
    const bag = new SortedBag()
    bag.add(5)
    bag.add(5)
    expect(bag.values()).toEqual([5, 5])
    expect(bag.remove(5)).toBe(true)
    expect(bag.remove(5)).toBe(true)
    expect(bag.remove(5)).toBe(false)
    expect(bag.remove(7)).toBe(false)
    expect(bag.values()).toEqual([])
  })

  it('selects the median and P90 without merging, equal to the plain sorted list after every change', () => {
    const nearest = (sorted: number[], q: number) =>
      sorted.length === 0 ? null : (sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1] as number)
    for (const seed of [11, 12, 13]) {
      const next = rng(seed)
      const bag = new SortedBag()
      const plain: number[] = []
      // A large merged base, then a live trickle of adds and removes read after each one.
      for (let k = 0; k < 2000; k++) {
        const v = Math.floor(next() * 300)
        bag.add(v)
        plain.push(v)
      }
      bag.values()
      for (let step = 0; step < 1500; step++) {
        const v = Math.floor(next() * 320)
        if (next() < 0.5) {
          bag.add(v)
          plain.push(v)
        } else {
          const at = plain.indexOf(v)
          expect(bag.remove(v)).toBe(at >= 0)
          if (at >= 0) plain.splice(at, 1)
        }
        const sorted = [...plain].sort((a, b) => a - b)
        for (const q of [0.5, 0.9, 0.01, 1]) expect(bag.quantile(q)).toBe(nearest(sorted, q))
        const rank = 1 + Math.floor(next() * sorted.length)
        expect(bag.nth(rank)).toBe(sorted[rank - 1])
      }
    }
    expect(new SortedBag().quantile(0.5)).toBeNull()
  })
})
