import { type TensorTree, ValidationError } from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';
import { checkTrees, coordinateColumns, sortRows } from './aggregation-inputs.js';

/**
 * The coordinate-wise trimmed mean: for every coordinate, drop the `⌊β·n⌋` smallest and `⌊β·n⌋` largest of
 * the `n` values and average the rest (as `scipy.stats.trim_mean`). With `⌊β·n⌋ ≥ f`, each output
 * coordinate stays within the range of the honest values whatever `f` Byzantine inputs send.
 *
 * @param proportionToCut - β ∈ [0, 0.5): the fraction cut from *each* end.
 * @example
 * ```ts
 * const robust = trimmedMean(updates, 0.2); // of 10 inputs, drops 2 low and 2 high per coordinate
 * ```
 * @throws {@link ValidationError} when β is outside [0, 0.5) or would leave no value; {@link TreeStructureError}.
 * @see Yin et al., "Byzantine-Robust Distributed Learning: Towards Optimal Statistical Rates", ICML 2018.
 */
export function trimmedMean(trees: readonly TensorTree[], proportionToCut: number): TensorTree {
  const where = 'trimmedMean(trees, proportionToCut)';
  const names = checkTrees(trees, 1, where);
  if (!(typeof proportionToCut === 'number' && proportionToCut >= 0 && proportionToCut < 0.5)) {
    throw ValidationError.expected('a proportion to cut in [0, 0.5)', proportionToCut, where);
  }
  const n = trees.length;
  const cut = Math.floor(proportionToCut * n);
  return Object.fromEntries(
    names.map((name) => [
      name,
      tf.tidy(() => {
        const sorted = sortRows(coordinateColumns(trees, name));
        const kept = tf.slice(sorted, [0, cut], [-1, n - 2 * cut]);
        return tf.reshape(tf.mean(kept, 1), trees[0]![name]!.shape);
      }),
    ]),
  );
}
