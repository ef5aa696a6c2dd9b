import { ValidationError } from '../errors/index.js';

const MASK64 = (1n << 64n) - 1n;

/**
 * SplitMix64 (Steele, Lea & Flood 2014), the seeding generator Blackman & Vigna recommend for
 * xoroshiro: it spreads nearby seeds (0, 1, 2, ...) over the whole state space, so their streams are
 * unrelated from the first draw.
 */
function splitMix64(seed: bigint): () => bigint {
  let state = seed;
  return () => {
    state = (state + 0x9e3779b97f4a7c15n) & MASK64;
    let z = state;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
    return z ^ (z >> 31n);
  };
}

/**
 * Turns a seed into a xoroshiro128+ state `[hi(s0), lo(s0), hi(s1), lo(s1)]` of signed 32-bit words
 * (pure-rand's layout), via two SplitMix64 outputs of the seed read as an unsigned 64-bit integer.
 *
 * @throws {@link ValidationError} when `seed` is not a safe integer or a bigint.
 */
export function seedToState(seed: number | bigint, where: string): number[] {
  if (typeof seed === 'number' && !Number.isSafeInteger(seed)) {
    throw ValidationError.expected('an integer seed (a safe integer or a bigint)', seed, where);
  }
  if (typeof seed !== 'number' && typeof seed !== 'bigint') {
    throw ValidationError.expected('an integer seed (a safe integer or a bigint)', seed, where);
  }
  const next = splitMix64(BigInt.asUintN(64, BigInt(seed)));
  const s0 = next();
  let s1 = next();
  if (s0 === 0n && s1 === 0n) s1 = 1n; // the all-zero state is the one xoroshiro cannot leave
  const word = (x: bigint, shift: bigint) => Number(BigInt.asIntN(32, x >> shift));
  return [word(s0, 32n), word(s0, 0n), word(s1, 32n), word(s1, 0n)];
}
