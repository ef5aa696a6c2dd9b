import type { TensorTree } from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';
import { checkTrees, coordinateColumns, sortRows } from './aggregation-inputs.js';

/**
 * The coordinate-wise median of tensor trees: every coordinate independently, the middle value, or the
 * mean of the two middle values for an even count (as `numpy.median`). Robust to fewer than half the
 * inputs being arbitrary (Byzantine): each output coordinate stays within the range of the honest ones.
 *
 * @example
 * ```ts
 * const robust = coordinateMedian([a, b, c]);
 * ```
 * @throws {@link ValidationError} when `trees` is empty; {@link TreeStructureError} when they differ.
 * @see Yin, Chen, Ramchandran & Bartlett, "Byzantine-Robust Distributed Learning: Towards Optimal
 *   Statistical Rates", ICML 2018.
 */
export function coordinateMedian(trees: readonly TensorTree[]): TensorTree {
  const names = checkTrees(trees, 1, 'coordinateMedian(trees)');
  const n = trees.length;
  return Object.fromEntries(
    names.map((name) => [
      name,
      tf.tidy(() => {
        const sorted = sortRows(coordinateColumns(trees, name));
        const lower = Math.floor((n - 1) / 2);
        const middle = tf.mean(tf.slice(sorted, [0, lower], [-1, n % 2 === 1 ? 1 : 2]), 1);
        return tf.reshape(middle, trees[0]![name]!.shape);
      }),
    ]),
  );
}
