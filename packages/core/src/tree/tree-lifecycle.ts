import * as tf from '@tensorflow/tfjs-core';
import type { TensorTree } from './tensor-tree.js';
import { mapTree } from './tree-map.js';

/**
 * A new tree whose leaves are `tf.clone`s of the input's: disposing either tree leaves the other intact.
 *
 * @example
 * ```ts
 * const snapshot = cloneTree(params);
 * ```
 */
export function cloneTree(tree: TensorTree): TensorTree {
  return mapTree(tree, (leaf) => tf.clone(leaf));
}

/**
 * Disposes every leaf. Safe to call on a tree whose leaves were already disposed.
 *
 * @example
 * ```ts
 * disposeTree(grads);
 * ```
 */
export function disposeTree(tree: TensorTree): void {
  for (const leaf of Object.values(tree)) leaf.dispose();
}
