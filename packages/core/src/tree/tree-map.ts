import * as tf from '@tensorflow/tfjs-core';
import { type TensorTree, treeNames } from './tensor-tree.js';
import { assertSameStructure } from './tree-structure.js';

/**
 * Applies `fn` to every leaf and returns a new tree with the same names. Each call runs inside
 * `tf.tidy`, so intermediates are disposed and only the returned tensor survives; the input tree is left
 * untouched (returning the input leaf itself is allowed and keeps it alive).
 *
 * @example
 * ```ts
 * const halved = mapTree(grads, (g) => g.mul(0.5));
 * ```
 */
export function mapTree(tree: TensorTree, fn: (leaf: tf.Tensor, name: string) => tf.Tensor): TensorTree {
  // fromEntries defines own properties, so even a leaf named "__proto__" stays an ordinary entry.
  return Object.fromEntries(treeNames(tree).map((name) => [name, tf.tidy(() => fn(tree[name]!, name))]));
}

/**
 * Applies `fn` to matching leaves of two trees of the same structure and returns a new tree. Each call
 * runs inside `tf.tidy`.
 *
 * @param where - Named in the structure error; defaults to `'zipTrees'`.
 * @throws {@link TreeStructureError} when names or shapes differ (every difference is listed).
 * @example
 * ```ts
 * const momentum = zipTrees(velocity, grads, (v, g) => v.mul(0.9).add(g));
 * ```
 */
export function zipTrees(
  a: TensorTree,
  b: TensorTree,
  fn: (x: tf.Tensor, y: tf.Tensor, name: string) => tf.Tensor,
  where = 'zipTrees',
): TensorTree {
  assertSameStructure(a, b, where);
  return Object.fromEntries(treeNames(a).map((name) => [name, tf.tidy(() => fn(a[name]!, b[name]!, name))]));
}
