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
})
