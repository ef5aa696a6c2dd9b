import type { TensorTree } from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';
import { checkTrees, coordinateColumns } from './aggregation-inputs.js';

/**
 * The matrix of squared L2 distances between tensor trees, each tree read as one long vector: entry
 * `[i][j] = ‖xᵢ − xⱼ‖²`. Differences are formed directly (not through `‖x‖² + ‖y‖² − 2x·y`, which
 * cancels catastrophically in float32 for nearby inputs); the `n × n` result is read back asynchronously.
 *
 * @example
 * ```ts
 * const d = await pairwiseSquaredDistances([a, b, c]); // d[0][1] = ‖a − b‖²
 * ```
 * @throws {@link ValidationError} when `trees` is empty; {@link TreeStructureError} when they differ.
 */
export async function pairwiseSquaredDistances(trees: readonly TensorTree[]): Promise<number[][]> {
  const names = checkTrees(trees, 1, 'pairwiseSquaredDistances(trees)');
  const n = trees.length;
  const matrix = tf.tidy(() => {
    let total: tf.Tensor2D = tf.zeros([n, n]);
    for (const name of names) {
      const rows = tf.transpose(coordinateColumns(trees, name)); // [n, size]
      const perInput = Array.from({ length: n }, (_, i) =>
        tf.sum(tf.square(tf.sub(rows, tf.slice(rows, [i, 0], [1, -1]))), 1),
      );
      total = tf.add(total, tf.stack(perInput)) as tf.Tensor2D;
    }
    return total;
  });
  const values = await matrix.data();
  matrix.dispose();
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (i === j ? 0 : values[i * n + j]!)),
  );
}
