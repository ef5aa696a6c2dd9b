import '@tensorflow/tfjs-backend-cpu';
import { expectNoTensorLeak, type TensorTree } from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { bulyan } from './bulyan.js';
import { coordinateMedian } from './coordinate-median.js';
import { krum, krumScores, rankByScore } from './krum.js';
import { disposeTrees, vectorTrees } from './test-trees.js';
import { trimmedMean } from './trimmed-mean.js';
import { weightedMean } from './weighted-mean.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const DIM = 3;
// Integers scaled into [-1, 1]: fc.double spreads over float bit patterns, mostly magnitudes like 1e-200
// whose squares vanish and make every distance tie.
const honestValue = fc.integer({ min: -1_000_000, max: 1_000_000 }).map((v) => v / 1_000_000);
const byzantineValue = fc.oneof(
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  fc.constantFrom(1e6, -1e6, 0),
);
const rows = (count: number, value: fc.Arbitrary<number>) =>
  fc.array(fc.array(value, { minLength: DIM, maxLength: DIM }), { minLength: count, maxLength: count });

async function vector(tree: TensorTree): Promise<number[]> {
  return Array.from(await tree.w!.data());
}

/** Float32 inputs, so bounds are checked against the values the rules actually saw. */
const f32 = (r: number[][]) => r.map((row) => row.map((v) => Math.fround(v)));
const column = (r: number[][], c: number) => r.map((row) => row[c]!);
const RUNS = { numRuns: 25 };

const permutationCase = fc
  .integer({ min: 7, max: 9 })
  .chain((n) =>
    fc.tuple(
      rows(n, honestValue),
      fc.array(fc.integer({ min: 1, max: 50 }), { minLength: n, maxLength: n }),
      fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }),
    ),
  );

/**
 * Whether Krum's ranking is unambiguous at the float32 precision the rules compute in: in each of `rounds`
 * rounds (as Bulyan runs them), the first `depth + 1` candidates differ clearly in score, or tie exactly
 * in score and differ clearly in summed distance (the tie-break).
 */
function clearKrumRounds(values: number[][], f: number, rounds: number, depth: number): boolean {
  const d = values.map((a) => values.map((b) => a.reduce((s, v, i) => s + (v - b[i]!) ** 2, 0)));
  const remaining = values.map((_, i) => i);
  for (let r = 0; r < rounds; r++) {
    const scores = krumScores(d, remaining, f);
    const spread = remaining.map((i) => remaining.reduce((s, j) => s + d[i]![j]!, 0));
    const ranked = rankByScore(scores, d, remaining);
    const margin = 1e-5 * (Math.max(...spread) + 1e-6);
    for (let k = 0; k < Math.min(depth, ranked.length - 1); k++) {
      const [a, b] = [ranked[k]!, ranked[k + 1]!];
      const scoreGap = Math.abs(scores[a]! - scores[b]!);
      const clear = scoreGap > margin || (scoreGap === 0 && Math.abs(spread[a]! - spread[b]!) > margin);
      if (!clear) return false;
    }
    remaining.splice(ranked[0]!, 1);
  }
  return true;
}

async function expectSameAggregates(pairs: [TensorTree, TensorTree][]): Promise<void> {
  for (const [a, b] of pairs) {
    const [x, y] = [await vector(a), await vector(b)];
    x.forEach((v, i) => {
      expect(v).toBeCloseTo(y[i]!, 5);
    });
  }
}

describe('permutation invariance', () => {
  it('weighted mean, median and trimmed mean give the same aggregate for any order of inputs', async () => {
    await fc.assert(
      fc.asyncProperty(permutationCase, async ([values, weights, order]) => {
        await expectNoTensorLeak(async () => {
          const trees = vectorTrees(values);
          const permuted = order.map((i) => trees[i]!);
          const pairs: [TensorTree, TensorTree][] = [
            [
              weightedMean(trees, weights),
              weightedMean(
                permuted,
                order.map((i) => weights[i]!),
              ),
            ],
            [coordinateMedian(trees), coordinateMedian(permuted)],
            [trimmedMean(trees, 0.2), trimmedMean(permuted, 0.2)],
          ];
          await expectSameAggregates(pairs);
          disposeTrees([...trees, ...pairs.flat()]);
        });
      }),
      RUNS,
    );
  });

  it('Multi-Krum and Bulyan do too, wherever float32 rounding cannot flip their ranking', async () => {
    await fc.assert(
      fc.asyncProperty(permutationCase, async ([values, , order]) => {
        const rowsF32 = f32(values);
        fc.pre(clearKrumRounds(rowsF32, 1, 1, 3) && clearKrumRounds(rowsF32, 1, rowsF32.length - 2, 1));
        await expectNoTensorLeak(async () => {
          const trees = vectorTrees(rowsF32);
          const permuted = order.map((i) => trees[i]!);
          const multi = [
            await krum(trees, { byzantine: 1, selectCount: 3 }),
            await krum(permuted, { byzantine: 1, selectCount: 3 }),
          ];
          const byz = [await bulyan(trees, { byzantine: 1 }), await bulyan(permuted, { byzantine: 1 })];
          expect(multi[1]!.selected.map((i) => order[i])).toEqual(multi[0]!.selected);
          expect(byz[1]!.selected.map((i) => order[i])).toEqual(byz[0]!.selected);
          const pairs: [TensorTree, TensorTree][] = [
            [multi[0]!.aggregate, multi[1]!.aggregate],
            [byz[0]!.aggregate, byz[1]!.aggregate],
          ];
          await expectSameAggregates(pairs);
          disposeTrees([...trees, ...pairs.flat()]);
        });
      }),
      { ...RUNS, unbiased: true }, // biased generation favours repeated values, which tie
    );
  });
});

describe('robustness under f Byzantine inputs', () => {
  const honestAndByzantine = (minF: number, maxF: number, honestCount: (f: number) => number) =>
    fc
      .integer({ min: minF, max: maxF })
      .chain((f) => fc.tuple(fc.constant(f), rows(honestCount(f), honestValue), rows(f, byzantineValue)));

  it('median and trimmed mean stay within the honest range of every coordinate', async () => {
    await fc.assert(
      fc.asyncProperty(
        honestAndByzantine(0, 3, (f) => f + 2),
        async ([f, honest, byzantine]) => {
          await expectNoTensorLeak(async () => {
            const all = f32([...honest, ...byzantine]);
            const trees = vectorTrees(all);
            const n = all.length;
            const medianTree = coordinateMedian(trees);
            const median = await vector(medianTree);
            const cut = (f + 0.5) / n; // ⌊cut · n⌋ = f: exactly the Byzantine count is trimmed
            const trimmedTree = trimmedMean(trees, cut);
            const trimmed = await vector(trimmedTree);
            for (let c = 0; c < DIM; c++) {
              const h = column(f32(honest), c);
              const [lo, hi] = [Math.min(...h), Math.max(...h)];
              expect(median[c]!).toBeGreaterThanOrEqual(lo - 1e-6);
              expect(median[c]!).toBeLessThanOrEqual(hi + 1e-6);
              expect(trimmed[c]!).toBeGreaterThanOrEqual(lo - 1e-6);
              expect(trimmed[c]!).toBeLessThanOrEqual(hi + 1e-6);
            }
            disposeTrees([...trees, medianTree, trimmedTree]);
          });
        },
      ),
      RUNS,
    );
  });

  it('Krum and Multi-Krum stay within √(n − f − 2) honest diameters of the honest inputs', async () => {
    await fc.assert(
      fc.asyncProperty(
        honestAndByzantine(1, 3, (f) => f + 3),
        fc.integer({ min: 1, max: 3 }),
        async ([f, honest, byzantine], m) => {
          await expectNoTensorLeak(async () => {
            const h = f32(honest);
            const trees = vectorTrees([...h, ...f32(byzantine)]);
            const n = trees.length;
            const { aggregate } = await krum(trees, { byzantine: f, selectCount: m });
            const out = await vector(aggregate);
            const dist = (a: number[], b: number[]) => Math.hypot(...a.map((v, i) => v - b[i]!));
            const diameter = Math.max(...h.flatMap((a) => h.map((b) => dist(a, b))));
            const nearest = Math.min(...h.map((x) => dist(out, x)));
            // A selected Byzantine input scores no better than an honest one (≤ (n−f−2)·D²) and has an honest
            // input among its nearest neighbours; a Multi-Krum mean adds at most one more diameter.
            const bound = Math.sqrt(n - f - 2) * diameter + (m > 1 ? diameter : 0);
            expect(nearest).toBeLessThanOrEqual(bound * (1 + 1e-5) + 1e-5);
            disposeTrees([...trees, aggregate]);
          });
        },
      ),
      RUNS,
    );
  });

  it('Bulyan keeps every coordinate within one honest spread of the honest range', async () => {
    await fc.assert(
      fc.asyncProperty(
        honestAndByzantine(1, 2, (f) => 3 * f + 3),
        async ([f, honest, byzantine]) => {
          await expectNoTensorLeak(async () => {
            const trees = vectorTrees(f32([...honest, ...byzantine]));
            const { aggregate } = await bulyan(trees, { byzantine: f });
            const out = await vector(aggregate);
            for (let c = 0; c < DIM; c++) {
              const h = column(f32(honest), c);
              const [lo, hi] = [Math.min(...h), Math.max(...h)];
              // The median of the chosen values is within [lo, hi] and at least β honest values lie within
              // hi − lo of it, so every averaged value does too.
              expect(out[c]!).toBeGreaterThanOrEqual(lo - (hi - lo) - 1e-5);
              expect(out[c]!).toBeLessThanOrEqual(hi + (hi - lo) + 1e-5);
            }
            disposeTrees([...trees, aggregate]);
          });
        },
      ),
      RUNS,
    );
  });
});
