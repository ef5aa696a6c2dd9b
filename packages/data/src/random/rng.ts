import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

/**
 * A seeded random stream. Private stand-in for `@tessera/core`'s `createGenerator` until that lands; the
 * method names match it so switching is a one-line change.
 * @internal
 */
export interface Rng {
  /** Uniform float in [0, 1). */
  uniform(): number;
  /** Standard normal sample (Box–Muller). */
  normal(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Shuffles `items` in place (Fisher–Yates) and returns it. */
  shuffle<T>(items: T[]): T[];
  /** A random permutation of 0..n-1. */
  permutation(n: number): number[];
  /** Gamma(shape, 1) sample (Marsaglia–Tsang). */
  gamma(shape: number): number;
  /** An independent stream derived from this one. */
  fork(): Rng;
  /** A fresh 32-bit seed drawn from this stream. */
  nextSeed(): number;
}

/** Draws a non-deterministic seed for callers that gave none. */
export function randomSeed(): number {
  return Math.floor(Math.random() * 0x7fffffff);
}

/** Creates a seeded stream (xoroshiro128+ from pure-rand). @internal */
export function createRng(seed: number): Rng {
  return wrap(xoroshiro128plus(seed | 0));
}

function wrap(gen: RandomGenerator): Rng {
  let spareNormal: number | undefined;
  const uniform = () => {
    // 53 random bits → a double in [0, 1), as numpy's random_sample does.
    const hi = uniformInt(gen, 0, (1 << 26) - 1);
    const lo = uniformInt(gen, 0, (1 << 27) - 1);
    return (hi * 134217728 + lo) / 9007199254740992;
  };
  const normal = () => {
    if (spareNormal !== undefined) {
      const s = spareNormal;
      spareNormal = undefined;
      return s;
    }
    let u = 0;
    while (u === 0) u = uniform();
    const v = uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    spareNormal = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
  const int = (n: number) => (n <= 1 ? 0 : uniformInt(gen, 0, n - 1));
  const shuffle = <T>(items: T[]): T[] => {
    for (let i = items.length - 1; i > 0; i--) {
      const j = int(i + 1);
      const tmp = items[i] as T;
      items[i] = items[j] as T;
      items[j] = tmp;
    }
    return items;
  };
  const gamma = (shape: number): number => {
    if (shape < 1) {
      // Boost: Gamma(a) = Gamma(a + 1) · U^(1/a).
      let u = 0;
      while (u === 0) u = uniform();
      return gamma(shape + 1) * u ** (1 / shape);
    }
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x = 0;
      let v = 0;
      do {
        x = normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = uniform();
      if (u < 1 - 0.0331 * x ** 4) return d * v;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  };
  const nextSeed = () => uniformInt(gen, 0, 0x7fffffff);
  return {
    uniform,
    normal,
    int,
    shuffle,
    permutation: (n) => shuffle(Array.from({ length: n }, (_, i) => i)),
    gamma,
    fork: () => createRng(nextSeed()),
    nextSeed,
  };
}
