import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';
import { ValidationError } from '../errors/index.js';
import { seedToState } from './seed-to-state.js';

/** A generator's full state as plain JSON-serialisable data (see {@link SeededGenerator.getState}). */
export interface GeneratorState {
  readonly algorithm: 'xoroshiro128plus';
  /** Four signed 32-bit words: high and low halves of the two 64-bit state words. */
  readonly state: readonly number[];
}

/**
 * A seeded pseudo-random generator (xoroshiro128+ from `pure-rand`, seeded through SplitMix64). All
 * randomness in Tessera flows from an explicit generator, so a seed reproduces a run exactly.
 * Create one with {@link createGenerator}.
 *
 * @see Blackman & Vigna, "Scrambled linear pseudorandom number generators" (2021), xoroshiro128+.
 * @example
 * ```ts
 * const rng = createGenerator(42);
 * const order = rng.permutation(10);
 * const noise = tf.randomNormal([3], 0, 1, 'float32', rng.nextSeed());
 * ```
 */
export class SeededGenerator {
  #rng: JumpableRandomGenerator;

  /** Use {@link createGenerator} or {@link SeededGenerator.fromState}. */
  constructor(state: GeneratorState) {
    this.#rng = fromState(state, 'new SeededGenerator(state)');
  }

  /** Rebuilds a generator from {@link SeededGenerator.getState}; it continues the saved sequence. */
  static fromState(state: GeneratorState): SeededGenerator {
    return new SeededGenerator(state);
  }

  /** A uniformly distributed integer in [0, 2^32). */
  nextUint32(): number {
    return this.#rng.next() >>> 0;
  }

  /** A uniformly distributed float in [0, 1) with 53 random bits. */
  uniform(): number {
    return uniformFloat64(this.#rng);
  }

  /**
   * A normally distributed float (Box–Muller transform; two uniforms per draw, no cached spare, so the
   * state alone determines the sequence).
   * @see Box & Muller, "A Note on the Generation of Random Normal Deviates" (1958).
   */
  normal(mean = 0, stddev = 1): number {
    const u1 = 1 - this.uniform(); // (0, 1], so the log is finite
    const u2 = this.uniform();
    return mean + stddev * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /**
   * A uniformly distributed integer in [0, maxExclusive), without modulo bias.
   * @throws {@link ValidationError} when `maxExclusive` is not a positive safe integer.
   */
  int(maxExclusive: number): number {
    if (!Number.isSafeInteger(maxExclusive) || maxExclusive < 1) {
      throw ValidationError.expected(
        'a positive safe integer',
        maxExclusive,
        'SeededGenerator.int(maxExclusive)',
      );
    }
    return uniformInt(this.#rng, 0, maxExclusive - 1);
  }

  /** Shuffles `array` in place (Fisher–Yates) and returns it. */
  shuffle<T>(array: T[]): T[] {
    for (let i = array.length - 1; i > 0; i--) {
      const j = uniformInt(this.#rng, 0, i);
      const tmp = array[i]!;
      array[i] = array[j]!;
      array[j] = tmp;
    }
    return array;
  }

  /** A uniformly random permutation of `0 … n-1`. */
  permutation(n: number): number[] {
    if (!Number.isSafeInteger(n) || n < 0) {
      throw ValidationError.expected('a non-negative integer', n, 'SeededGenerator.permutation(n)');
    }
    return this.shuffle(Array.from({ length: n }, (_, i) => i));
  }

  /** An integer seed in [0, 2^32) for tfjs ops that take one (`tf.randomUniform(shape, 0, 1, 'float32', seed)`). */
  nextSeed(): number {
    return this.nextUint32();
  }

  /**
   * A child generator whose stream is independent of this one's: its state is 64 bits drawn from this
   * generator, mixed through SplitMix64. Advances this generator; children can split further.
   */
  split(): SeededGenerator {
    const high = BigInt(this.nextUint32());
    const low = BigInt(this.nextUint32());
    return createGenerator((high << 32n) | low);
  }

  /** `n` independent children, as `n` calls of {@link SeededGenerator.split}. */
  fork(n: number): SeededGenerator[] {
    if (!Number.isSafeInteger(n) || n < 0) {
      throw ValidationError.expected('a non-negative integer', n, 'SeededGenerator.fork(n)');
    }
    return Array.from({ length: n }, () => this.split());
  }

  /** An independent copy at the same position: both produce the same sequence from here. */
  clone(): SeededGenerator {
    return new SeededGenerator(this.getState());
  }

  /** The full state, to save in a checkpoint and restore with {@link SeededGenerator.setState}. */
  getState(): GeneratorState {
    return { algorithm: 'xoroshiro128plus', state: [...this.#rng.getState()] };
  }

  /**
   * Continues from a state saved with {@link SeededGenerator.getState}.
   * @throws {@link ValidationError} when `state` is not a xoroshiro128plus state of four int32 words, not all 0.
   */
  setState(state: GeneratorState): void {
    this.#rng = fromState(state, 'SeededGenerator.setState(state)');
  }
}

/**
 * Creates a {@link SeededGenerator}. Equal seeds give equal sequences on every platform; nearby seeds give
 * unrelated ones.
 *
 * @param seed - Any safe integer (negative allowed) or a bigint; read modulo 2^64.
 * @throws {@link ValidationError} when `seed` is not an integer.
 * @example
 * ```ts
 * const rng = createGenerator(1234);
 * rng.uniform(); // same value on every run
 * ```
 */
export function createGenerator(seed: number | bigint): SeededGenerator {
  return new SeededGenerator({
    algorithm: 'xoroshiro128plus',
    state: seedToState(seed, 'createGenerator(seed)'),
  });
}

function fromState(state: GeneratorState, where: string): JumpableRandomGenerator {
  const words = state?.state;
  const valid =
    state?.algorithm === 'xoroshiro128plus' &&
    Array.isArray(words) &&
    words.length === 4 &&
    words.every((w) => Number.isInteger(w) && w >= -(2 ** 31) && w < 2 ** 31) &&
    words.some((w) => w !== 0);
  if (!valid) {
    throw ValidationError.expected(
      '{ algorithm: "xoroshiro128plus", state: four int32 words, not all 0 }',
      state,
      where,
    );
  }
  return xoroshiro128plusFromState(words);
}
