import { createGenerator, type SeededGenerator } from '@tessera/core';

/**
 * The seeded stream this package draws from: `@tessera/core`'s {@link SeededGenerator} (xoroshiro128+)
 * plus the Gamma sampler the Dirichlet partitioner needs. @internal
 */
export interface Rng {
  /** Uniform float in [0, 1). */
  uniform(): number;
  /** Standard normal sample. */
  normal(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Shuffles `items` in place (Fisher–Yates) and returns it. */
  shuffle<T>(items: T[]): T[];
  /** A random permutation of 0..n-1. */
  permutation(n: number): number[];
  /** Gamma(shape, 1) sample (Marsaglia–Tsang). */
  gamma(shape: number): number;
}

/** Draws a non-deterministic seed for callers that gave none. */
export function randomSeed(): number {
  return Math.floor(Math.random() * 0x7fffffff);
}

/** Creates a seeded stream. @internal */
export function createRng(seed: number): Rng {
  const g: SeededGenerator = createGenerator(Math.trunc(seed) >>> 0);
  const gamma = (shape: number): number => {
    if (shape < 1) {
      // Boost: Gamma(a) = Gamma(a + 1) · U^(1/a).
      let u = 0;
      while (u === 0) u = g.uniform();
      return gamma(shape + 1) * u ** (1 / shape);
    }
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x = 0;
      let v = 0;
      do {
        x = g.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = g.uniform();
      if (u < 1 - 0.0331 * x ** 4) return d * v;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  };
  return {
    uniform: () => g.uniform(),
    normal: () => g.normal(),
    int: (n) => (n <= 1 ? 0 : g.int(n)),
    shuffle: (items) => g.shuffle(items),
    permutation: (n) => g.permutation(n),
    gamma,
  };
}
