import '@tensorflow/tfjs-backend-cpu';
import { disposeTree, expectNoTensorLeak, TreeStructureError, ValidationError } from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { bulyan } from './bulyan.js';
import { coordinateMedian } from './coordinate-median.js';
import { krum, krumScores } from './krum.js';
import { pairwiseSquaredDistances } from './pairwise-distances.js';
import { disposeTrees, treeValues, vectorTrees } from './test-trees.js';
import { trimmedMean } from './trimmed-mean.js';
import { weightedMean } from './weighted-mean.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('aggregation rules against hand-computed values', () => {
  it('weightedMean weights by example count, leaf by leaf', async () => {
    await expectNoTensorLeak(async () => {
      const a = { w: tf.tensor1d([1, 2]), b: tf.tensor2d([[4]]) };
      const b = { w: tf.tensor1d([3, 6]), b: tf.tensor2d([[0]]) };
      const mean = weightedMean([a, b], [1, 3]); // (1·x + 3·y) / 4
      expect(await treeValues(mean)).toEqual({ w: [2.5, 5], b: [1] });
      expect(mean.b!.shape).toEqual([1, 1]);
      const plain = weightedMean([a, b]);
      expect(await treeValues(plain)).toEqual({ w: [2, 4], b: [2] });
      [a, b, mean, plain].forEach(disposeTree);
    });
  });

  it('coordinateMedian takes the middle value, or the mean of the two middle ones', async () => {
    await expectNoTensorLeak(async () => {
      const trees = vectorTrees([
        [1, 10],
        [3, -2],
        [2, 4],
      ]);
      const odd = coordinateMedian(trees);
      expect((await treeValues(odd)).w).toEqual([2, 4]);
      trees.push({ w: tf.tensor1d([100, 0]) }); // columns sort to [1, 2, 3, 100] and [-2, 0, 4, 10]
      const even = coordinateMedian(trees);
      expect((await treeValues(even)).w).toEqual([2.5, 2]);
      disposeTrees([...trees, odd, even]);
    });
  });

  it('trimmedMean cuts ⌊β·n⌋ values at each end of every coordinate', async () => {
    await expectNoTensorLeak(async () => {
      const trees = vectorTrees([
        [1, -50],
        [2, 0],
        [3, 1],
        [4, 2],
        [100, 3],
      ]);
      const trimmed = trimmedMean(trees, 0.2); // cut 1 each side: mean(2, 3, 4) = 3; mean(0, 1, 2) = 1
      expect((await treeValues(trimmed)).w).toEqual([3, 1]);
      const none = trimmedMean(trees, 0.1); // ⌊0.5⌋ = 0: the plain mean
      expect((await treeValues(none)).w).toEqual([22, -8.8].map((v) => Math.fround(v)));
      disposeTrees([...trees, trimmed, none]);
    });
  });

  it('pairwiseSquaredDistances sums over every leaf', async () => {
    await expectNoTensorLeak(async () => {
      const trees = [
        { a: tf.tensor1d([0, 0]), b: tf.scalar(0) },
        { a: tf.tensor1d([3, 0]), b: tf.scalar(4) },
        { a: tf.tensor1d([0, 1]), b: tf.scalar(0) },
      ];
      expect(await pairwiseSquaredDistances(trees)).toEqual([
        [0, 25, 1],
        [25, 0, 26],
        [1, 26, 0],
      ]);
      disposeTrees(trees);
    });
  });

  it('Krum picks the input with the smallest sum over its n − f − 2 nearest neighbours', async () => {
    await expectNoTensorLeak(async () => {
      // Points 0, 1, 2, 3, 50 with f = 1: two neighbours each. Scores: 0 → 1+4, 1 → 1+1, 2 → 1+1,
      // 3 → 1+4, 50 → 47²+48². Ties break by summed distance to all: 2 (2310) before 1 (2407).
      const trees = vectorTrees([[0], [1], [2], [3], [50]]);
      const single = await krum(trees, { byzantine: 1 });
      expect(single.scores).toEqual([5, 2, 2, 5, 47 ** 2 + 48 ** 2]);
      expect(single.selected).toEqual([2]);
      expect((await treeValues(single.aggregate)).w).toEqual([2]);
      // Multi-Krum with m = 3 keeps 2, 1 and then 3 (tied with 0; summed distance 2223 < 2514), averaged
      // with weights [1, 1, 2, 1, 1]: (2·2 + 1·1 + 3·1) / 4.
      const multi = await krum(trees, { byzantine: 1, selectCount: 3, weights: [1, 1, 2, 1, 1] });
      expect(multi.selected).toEqual([2, 1, 3]);
      expect((await treeValues(multi.aggregate)).w).toEqual([(2 * 2 + 1 * 1 + 3 * 1) / 4]);
      disposeTrees([...trees, single.aggregate, multi.aggregate]);
    });
    expect(
      krumScores(
        [
          [0, 1, 4],
          [1, 0, 1],
          [4, 1, 0],
        ],
        [0, 1, 2],
        0,
      ),
    ).toEqual([1, 1, 1]);
  });

  it('Bulyan selects θ = n − 2f by iterated Krum, then averages the β values nearest the median', async () => {
    await expectNoTensorLeak(async () => {
      // n = 7, f = 1: θ = 5, β = 3. Iterated Krum on 0, 1, 2, 4.5, 6, 100, −100, worked by hand: the
      // rounds pick 2 (score 1 + 4 + 6.25 + 16 = 27.25 over four neighbours), 4.5 (2.25 + 12.25 + 20.25 =
      // 34.75 over three), 1 (1 + 25 = 26 over two), 0 (36 over one, tied with 6 but
      // nearer to all: 20036 < 20108), then 6 (8836, tied with 100; 20072 < 48836). The chosen {0, 1, 2, 4.5, 6} have median 2;
      // the three nearest it are 2, 1 and 0, whose mean is 1.
      const values = [0, 1, 2, 4.5, 6, 100, -100];
      const trees = values.map((v) => ({ w: tf.tensor1d([v]), z: tf.zeros([2]) }));
      const { aggregate, selected } = await bulyan(trees, { byzantine: 1 });
      expect(selected).toEqual([2, 3, 1, 0, 4]);
      expect(await treeValues(aggregate)).toEqual({ w: [1], z: [0, 0] });
      disposeTrees([...trees, aggregate]);
    });
  });

  it('validates inputs with typed errors', async () => {
    await expectNoTensorLeak(async () => {
      const trees = vectorTrees([[1], [2], [3]]);
      const other = { v: tf.tensor1d([1]) };
      expect(() => weightedMean([])).toThrow(ValidationError);
      expect(() => weightedMean([trees[0]!, other])).toThrow(TreeStructureError);
      expect(() => weightedMean(trees, [1, 2])).toThrow(/3 finite, non-negative weights/);
      expect(() => weightedMean(trees, [0, 0, 0])).toThrow(/positive sum/);
      expect(() => trimmedMean(trees, 0.5)).toThrow(/\[0, 0.5\)/);
      await expect(krum(trees, { byzantine: 1 })).rejects.toThrow(
        /at least 5 inputs for Krum with 1 Byzantine/,
      );
      await expect(krum(trees, { byzantine: 0, selectCount: 4 })).rejects.toThrow(/select count in \[1, 3\]/);
      await expect(bulyan(trees, { byzantine: 1 })).rejects.toThrow(/at least 7 inputs for Bulyan/);
      const ints = { w: tf.tensor1d([1], 'int32') };
      expect(() => coordinateMedian([ints])).toThrow(/float32/);
      disposeTrees([...trees, other, ints]);
    });
  });
});
