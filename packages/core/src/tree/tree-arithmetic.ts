import * as tf from '@tensorflow/tfjs-core';
import { ValidationError } from '../errors/index.js';
import { type TensorTree, treeNames } from './tensor-tree.js';
import { mapTree, zipTrees } from './tree-map.js';
import { assertSameStructure } from './tree-structure.js';

/**
 * Leaf-wise `a + b`.
 * @throws {@link TreeStructureError} when names or shapes differ.
 * @example
 * ```ts
 * const sum = addTrees(params, update);
 * ```
 */
export function addTrees(a: TensorTree, b: TensorTree): TensorTree {
  return zipTrees(a, b, (x, y) => tf.add(x, y), 'addTrees');
}

/**
 * Leaf-wise `a - b`.
 * @throws {@link TreeStructureError} when names or shapes differ.
 * @example
 * ```ts
 * const delta = subTrees(localParams, globalParams);
 * ```
 */
export function subTrees(a: TensorTree, b: TensorTree): TensorTree {
  return zipTrees(a, b, (x, y) => tf.sub(x, y), 'subTrees');
}

/**
 * Multiplies every leaf by `scale` (a number or a scalar tensor, which is not disposed).
 * @throws {@link ValidationError} when `scale` is neither a finite number nor a scalar tensor.
 * @example
 * ```ts
 * const step = scaleTree(grads, -learningRate);
 * ```
 */
export function scaleTree(tree: TensorTree, scale: number | tf.Scalar): TensorTree {
  const isScalarTensor = scale instanceof tf.Tensor && scale.rank === 0;
  if (!isScalarTensor && !(typeof scale === 'number' && Number.isFinite(scale))) {
    throw ValidationError.expected('a finite number or a scalar tensor', scale, 'scaleTree(tree, scale)');
  }
  return mapTree(tree, (leaf) => tf.mul(leaf, scale));
}

/**
 * The inner product of two trees viewed as one long vector: `Σ_leaves Σ a·b`, as a scalar tensor
 * (`0` for empty trees). The caller disposes the result.
 * @throws {@link TreeStructureError} when names or shapes differ.
 * @example
 * ```ts
 * const cosine = dotTrees(a, b).div(globalNorm(a).mul(globalNorm(b)));
 * ```
 */
export function dotTrees(a: TensorTree, b: TensorTree): tf.Scalar {
  assertSameStructure(a, b, 'dotTrees');
  return tf.tidy(() => {
    let total: tf.Scalar = tf.scalar(0);
    for (const name of treeNames(a)) {
      const x = tf.cast(a[name]!, 'float32');
      const y = tf.cast(b[name]!, 'float32');
      total = tf.add(total, tf.sum(tf.mul(x, y)));
    }
    return total;
  });
}

/**
 * The L2 norm of all leaves together, `sqrt(Σ_leaves Σ x²)`, as a float32 scalar tensor (`0` for an
 * empty tree): the quantity that global-norm gradient clipping bounds. The caller disposes the result.
 *
 * @see Pascanu et al., "On the difficulty of training recurrent neural networks" (2013), gradient clipping.
 * @example
 * ```ts
 * const norm = globalNorm(grads); // tf.Scalar
 * ```
 */
export function globalNorm(tree: TensorTree): tf.Scalar {
  return tf.tidy(() => {
    let sumOfSquares: tf.Scalar = tf.scalar(0);
    for (const name of treeNames(tree)) {
      sumOfSquares = tf.add(sumOfSquares, tf.sum(tf.square(tf.cast(tree[name]!, 'float32'))));
    }
    return tf.sqrt(sumOfSquares);
  });
}
