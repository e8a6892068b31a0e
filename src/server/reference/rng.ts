/**
 * A small seeded PRNG (mulberry32 over an FNV-1a hash of the seed string), so
 * reference data, history and the simulator are reproducible from a seed.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number
  /** Integer in [min, max]. */
  int(min: number, max: number): number
  /** Uniform in [min, max). */
  range(min: number, max: number): number
  pick<T>(items: readonly T[]): T
  chance(p: number): boolean
  /** Index drawn by weight. */
  weighted(weights: readonly number[]): number
  /** Exponential with the given mean. */
  exp(mean: number): number
  /** A child generator, independent of how much this one is used later. */
  fork(label: string): Rng
}

export function hashSeed(seed: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** Mixes a number into a hash (for keys made of a string hash and numbers, without building strings). */
export function mixHash(h: number, n: number): number {
  // Both 32-bit halves of a millisecond timestamp count.
  const lo = n >>> 0
  const hi = Math.floor(n / 4294967296) >>> 0
  let x = Math.imul(h ^ lo, 0x85ebca6b)
  x = Math.imul(x ^ (x >>> 13) ^ hi, 0xc2b2ae35)
  return (x ^ (x >>> 16)) >>> 0
}

/** mulberry32; a class (not closures) because hot simulation loops create one per decision. */
class SeededRng implements Rng {
  private state: number

  constructor(
    private readonly seed: string,
    state?: number,
  ) {
    this.state = state ?? hashSeed(seed)
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  range(min: number, max: number): number {
    return min + this.next() * (max - min)
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)]
    if (item === undefined) throw new Error('pick from an empty list')
    return item
  }

  chance(p: number): boolean {
    return this.next() < p
  }

  weighted(weights: readonly number[]): number {
    let total = 0
    for (const w of weights) total += w
    let r = this.next() * total
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i] ?? 0
      if (r < 0) return i
    }
    return weights.length - 1
  }

  exp(mean: number): number {
    return -Math.log(1 - this.next()) * mean
  }

  fork(label: string): Rng {
    return new SeededRng(`${this.seed}/${label}`)
  }
}

export function createRng(seed: string): Rng {
  return new SeededRng(seed)
}

/** A generator started from a hash (see mixHash); its forks are labelled under `label`. */
export function rngFromHash(hash: number, label = `#${hash}`): Rng {
  return new SeededRng(label, hash)
}
