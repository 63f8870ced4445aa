/**
 * A small seeded pseudo-random generator (splitmix32-style mixing over a 32-bit
 * counter). Not cryptographic: it exists so that the synthetic population is the same
 * on every machine. Only integer operations are used, so results never depend on the
 * platform's floating-point library.
 */
export interface Random {
  /** The next unsigned 32-bit integer. */
  next(): number
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number
  /** True with probability `p` (0..1). */
  chance(p: number): boolean
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T
  /** One element, chosen with the given integer weights. */
  weighted<T>(items: readonly (readonly [T, number])[]): T
}

/** Hashes a string or number seed to 32 bits (FNV-1a over the decimal or UTF-16 text). */
export function hashSeed(seed: string | number): number {
  const text = typeof seed === 'number' ? `#${seed}` : seed
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

/** Mixes 32 bits thoroughly (the splitmix32 finaliser). */
export function mix32(value: number): number {
  let z = value >>> 0
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
  return (z ^ (z >>> 16)) >>> 0
}

/** A generator whose sequence depends only on `seed`. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x9e3779b9) >>> 0
    return mix32(state)
  }
  const below = (bound: number): number => {
    // Rejection sampling keeps the distribution exact for any bound.
    const limit = 0x100000000 - (0x100000000 % bound)
    let value = next()
    while (value >= limit) value = next()
    return value % bound
  }
  const random: Random = {
    next,
    int: (min, max) => min + below(max - min + 1),
    chance: (p) => next() < p * 0x100000000,
    pick: <T>(items: readonly T[]): T => {
      const item = items[below(items.length)]
      if (item === undefined) throw new RangeError('pick from an empty list')
      return item
    },
    weighted: <T>(items: readonly (readonly [T, number])[]): T => {
      let total = 0
      for (const [, weight] of items) total += weight
      let roll = below(total)
      for (const [item, weight] of items) {
        if (roll < weight) return item
        roll -= weight
      }
      throw new RangeError('weighted pick from an empty list')
    },
  }
  return random
}
