import type { TensorTree } from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';
import { checkByzantineCount, checkTrees, coordinateColumns, sortRows } from './aggregation-inputs.js';
import { krumScores, rankByScore } from './krum.js';
import { pairwiseSquaredDistances } from './pairwise-distances.js';

/** What {@link bulyan} returns. */
export interface BulyanResult {
  /** The aggregate; new tensors. */
  readonly aggregate: TensorTree;
  /** Indices of the θ = n − 2f inputs chosen by iterated Krum, in the order they were chosen. */
  readonly selected: number[];
}

/**
 * Bulyan: choose θ = n − 2f inputs by repeatedly taking the Krum winner of those not yet chosen (scores
 * recomputed on the shrinking set), then, coordinate by coordinate, average the β = θ − 2f chosen values
 * closest to their median. Needs `n ≥ 4f + 3`. It bounds each coordinate where Krum bounds only the
 * overall distance, so no single coordinate can be pushed far.
 *
 * @example
 * ```ts
 * const { aggregate } = await bulyan(updates, { byzantine: 1 }); // needs ≥ 7 updates
 * ```
 * @throws {@link ValidationError} when `n < 4f + 3`; {@link TreeStructureError} when the trees differ.
 * @see El Mhamdi, Guerraoui & Rouault, "The Hidden Vulnerability of Distributed Learning in Byzantium",
 *   ICML 2018.
 */
export async function bulyan(
  trees: readonly TensorTree[],
  options: { readonly byzantine: number },
): Promise<BulyanResult> {
  const where = 'bulyan(trees, options)';
  const names = checkTrees(trees, 1, where);
  const f = options?.byzantine;
  checkByzantineCount(f, trees.length, (b) => 4 * b + 3, 'Bulyan', `${where} options.byzantine`);
  const theta = trees.length - 2 * f;
  const beta = theta - 2 * f;
  const distances = await pairwiseSquaredDistances(trees);
  const remaining = trees.map((_, i) => i);
  const selected: number[] = [];
  while (selected.length < theta) {
    const best = rankByScore(krumScores(distances, remaining, f), distances, remaining)[0]!;
    selected.push(remaining[best]!);
    remaining.splice(best, 1);
  }
  const chosen = selected.map((i) => trees[i]!);
  const aggregate = Object.fromEntries(
    names.map((name) => [
      name,
      tf.tidy(() => closestToMedianMean(coordinateColumns(chosen, name), beta, chosen[0]![name]!.shape)),
    ]),
  );
  return { aggregate, selected };
}

/** Per row of `[size, θ]`: the mean of the β values nearest the row's median. */
function closestToMedianMean(columns: tf.Tensor2D, beta: number, shape: readonly number[]): tf.Tensor {
  const sorted = sortRows(columns);
  const theta = columns.shape[1];
  const lower = Math.floor((theta - 1) / 2);
  const median = tf.mean(tf.slice(sorted, [0, lower], [-1, theta % 2 === 1 ? 1 : 2]), 1, true);
  const nearest = tf.topk(tf.neg(tf.abs(tf.sub(sorted, median))), beta).indices;
  const values = tf.gather(sorted, nearest, 1, 1);
  return tf.reshape(tf.mean(values, 1), [...shape]);
}
