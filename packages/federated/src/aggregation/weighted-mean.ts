import { type TensorTree, ValidationError } from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';
import { checkTrees, checkWeights } from './aggregation-inputs.js';

/**
 * The weighted mean of tensor trees, leaf by leaf: `Σᵢ wᵢ xᵢ / Σᵢ wᵢ`. Without `weights`, the plain mean.
 * FedAvg uses it with each client's example count as its weight. Returns new tensors; the inputs are
 * not disposed.
 *
 * @param weights - One non-negative weight per tree (for FedAvg, the number of training examples).
 * @example
 * ```ts
 * const average = weightedMean([clientA, clientB], [100, 300]); // 0.25·A + 0.75·B
 * ```
 * @throws {@link ValidationError} when `trees` is empty or the weights are malformed.
 * @throws {@link TreeStructureError} when the trees' names or shapes differ.
 * @see McMahan et al., "Communication-Efficient Learning of Deep Networks from Decentralized Data" (2017).
 */
export function weightedMean(trees: readonly TensorTree[], weights?: readonly number[]): TensorTree {
  const where = 'weightedMean(trees, weights)';
  const names = checkTrees(trees, 1, where);
  const w = checkWeights(weights, trees.length, where);
  const total = w.reduce((a, b) => a + b, 0);
  if (!Number.isFinite(total)) throw ValidationError.expected('weights with a finite sum', weights, where);
  // Normalising in float64 first keeps large example counts from overflowing float32 products.
  const coefficients = w.map((wi) => wi / total);
  return Object.fromEntries(
    names.map((name) => [
      name,
      tf.tidy(() =>
        tf.addN(
          trees.flatMap((tree, i) => (coefficients[i]! === 0 ? [] : [tf.mul(tree[name]!, coefficients[i]!)])),
        ),
      ),
    ]),
  );
}
