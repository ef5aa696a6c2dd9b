import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/index.js';
import { expectNoTensorLeak } from '../memory/index.js';
import reference from './__fixtures__/xoroshiro-reference.json' with { type: 'json' };
import { createGenerator, SeededGenerator } from './index.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const draws = (n: number, draw: () => number) => Array.from({ length: n }, draw);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const variance = (xs: number[]) => {
  const m = mean(xs);
  return xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1);
};
/** Pearson chi-square statistic of observed counts against equal expected counts. */
const chiSquare = (counts: number[]) => {
  const expected = counts.reduce((a, b) => a + b, 0) / counts.length;
  return counts.reduce((a, c) => a + (c - expected) ** 2 / expected, 0);
};

describe('createGenerator', () => {
  it('matches an independent SplitMix64 + xoroshiro128+ implementation (Python)', () => {
    for (const { seed, nextUint32 } of reference.cases) {
      const big = BigInt(seed);
      const rng = createGenerator(Number.isSafeInteger(Number(big)) ? Number(big) : big);
      expect(
        draws(nextUint32.length, () => rng.nextUint32()),
        `seed ${seed}`,
      ).toEqual(nextUint32);
    }
  });

  it('reproduces sequences for equal seeds and separates nearby seeds', () => {
    const a = createGenerator(7);
    const b = createGenerator(7);
    expect(draws(20, () => a.uniform())).toEqual(draws(20, () => b.uniform()));
    expect(createGenerator(7).nextUint32()).not.toBe(createGenerator(8).nextUint32());
    // Seeds 0..999: the first uniforms of neighbours are unrelated (E|U - V| = 1/3 for independent U, V).
    const firsts = draws(1000, () => 0).map((_, i) => createGenerator(i).uniform());
    const gaps = firsts.slice(1).map((u, i) => Math.abs(u - firsts[i]!));
    expect(mean(gaps)).toBeGreaterThan(0.3);
    expect(mean(gaps)).toBeLessThan(0.37);
  });

  it('rejects non-integer seeds', () => {
    expect(() => createGenerator(1.5)).toThrow(ValidationError);
    expect(() => createGenerator(2 ** 60)).toThrow(/safe integer or a bigint/);
    expect(() => createGenerator('1' as unknown as number)).toThrow(/received "1"/);
  });
});

describe('distributions over 1e5 draws', () => {
  const n = 100_000;

  it('uniform() has mean 1/2 and variance 1/12 within 5 standard errors, in [0, 1)', () => {
    const rng = createGenerator(2024);
    const xs = draws(n, () => rng.uniform());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(Math.abs(mean(xs) - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(variance(xs) - 1 / 12)).toBeLessThan(5 * Math.sqrt((1 / 80 - 1 / 144) / n));
  });

  it('normal() has mean 0, variance 1 and 68.27% of mass within one sigma', () => {
    const rng = createGenerator(99);
    const xs = draws(n, () => rng.normal());
    expect(Math.abs(mean(xs))).toBeLessThan(5 * Math.sqrt(1 / n));
    expect(Math.abs(variance(xs) - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    const within = xs.filter((x) => Math.abs(x) < 1).length / n;
    expect(Math.abs(within - 0.682689)).toBeLessThan(5 * Math.sqrt((0.6827 * 0.3173) / n));
    const shifted = createGenerator(99).normal(3, 2);
    expect(shifted).toBeCloseTo(3 + 2 * xs[0]!, 12);
  });

  it('int(k) is uniform over 0..k-1 (chi-square, 9 dof, p = 0.001 bound 27.88)', () => {
    const rng = createGenerator(5);
    const counts = new Array(10).fill(0);
    for (let i = 0; i < n; i++) counts[rng.int(10)]++;
    expect(chiSquare(counts)).toBeLessThan(27.88);
    expect(() => rng.int(0)).toThrow(/positive safe integer, received 0/);
    expect(() => rng.int(2.5)).toThrow(ValidationError);
    expect(createGenerator(1).int(1)).toBe(0);
  });

  it('permutation(3) hits all 6 orders uniformly (chi-square, 5 dof, p = 0.001 bound 20.52)', () => {
    const rng = createGenerator(11);
    const counts = new Map<string, number>();
    for (let i = 0; i < 60_000; i++) {
      const key = rng.permutation(3).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(['012', '021', '102', '120', '201', '210']);
    expect(chiSquare([...counts.values()])).toBeLessThan(20.52);
  });
});

describe('shuffle and permutation', () => {
  it('shuffles in place, returns the array, and keeps its elements', () => {
    const array = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const out = createGenerator(3).shuffle(array);
    expect(out).toBe(array);
    expect([...out].sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
    expect(out).not.toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
    expect(createGenerator(3).permutation(0)).toEqual([]);
    expect(
      createGenerator(3)
        .permutation(100)
        .sort((x, y) => x - y),
    ).toEqual(draws(100, () => 0).map((_, i) => i));
    expect(() => createGenerator(3).permutation(-1)).toThrow(ValidationError);
  });
});

describe('split, fork, state', () => {
  it('children are deterministic, distinct from each other and the parent, and can split again', () => {
    const head = (g: SeededGenerator) => draws(4, () => g.nextUint32()).join(',');
    const parent = createGenerator(1);
    const [c1, c2] = parent.fork(2) as [SeededGenerator, SeededGenerator];
    const again = createGenerator(1).fork(2).map(head);
    expect([head(c1), head(c2)]).toEqual(again);
    const heads = new Set([
      head(parent),
      head(c1),
      head(c2),
      head(c1.split()),
      head(c1.split()),
      head(c2.split()),
    ]);
    expect(heads.size).toBe(6);
    expect(parent.fork(0)).toEqual([]);
    expect(() => parent.fork(-2)).toThrow(ValidationError);
  });

  it('getState/setState and clone round-trip exactly, through JSON', () => {
    const rng = createGenerator(77);
    rng.normal();
    const saved = JSON.parse(JSON.stringify(rng.getState()));
    const expected = draws(10, () => rng.uniform());
    const restored = SeededGenerator.fromState(saved);
    expect(draws(10, () => restored.uniform())).toEqual(expected);
    const copy = restored.clone();
    rng.setState(restored.getState());
    expect(draws(5, () => copy.nextUint32())).toEqual(draws(5, () => rng.nextUint32()));
    expect(() => rng.setState({ algorithm: 'xoroshiro128plus', state: [0, 0, 0, 0] })).toThrow(/not all 0/);
    expect(() => rng.setState({ algorithm: 'mt' as 'xoroshiro128plus', state: [1, 2, 3, 4] })).toThrow(
      ValidationError,
    );
    expect(() => rng.setState({ algorithm: 'xoroshiro128plus', state: [1, 2, 3, 2 ** 31] })).toThrow(
      ValidationError,
    );
  });

  it('nextSeed() makes tfjs random ops reproducible', async () => {
    await expectNoTensorLeak(async () => {
      const a = tf.randomUniform([4], 0, 1, 'float32', createGenerator(9).nextSeed());
      const b = tf.randomUniform([4], 0, 1, 'float32', createGenerator(9).nextSeed());
      const c = tf.randomUniform([4], 0, 1, 'float32', createGenerator(10).nextSeed());
      expect(await a.data()).toEqual(await b.data());
      expect(await a.data()).not.toEqual(await c.data());
      const seed = createGenerator(9).nextSeed();
      expect(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 32).toBe(true);
      tf.dispose([a, b, c]);
    });
  });
});
