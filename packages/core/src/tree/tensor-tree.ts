import type * as tf from '@tensorflow/tfjs-core';

/**
 * A flat, named map of tensors: the shape of model weights, gradients and optimizer moments.
 * Keys are weight names such as `dense/kernel`; nesting is expressed in the names, never in the object.
 *
 * @example
 * ```ts
 * const grads: TensorTree = { 'dense/kernel': tf.zeros([2, 3]), 'dense/bias': tf.zeros([3]) };
 * ```
 */
export type TensorTree = Record<string, tf.Tensor>;

/** Name, shape and dtype of one leaf of a {@link TensorTree}; what {@link treeSpec} returns per leaf. */
export interface TreeLeafSpec {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: tf.DataType;
}

/**
 * Orders names by Unicode code point, which is also the byte order of their UTF-8 encoding, so the
 * order matches what other languages (Python, Rust) produce when they sort the same names.
 *
 * @example
 * ```ts
 * ['b', 'a', '\u{1F600}', '\uFF5E'].sort(compareNames); // ['a', 'b', '\uFF5E', '\u{1F600}']
 * ```
 */
export function compareNames(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.codePointAt(i)!;
    const cb = b.codePointAt(i)!;
    if (ca !== cb) return ca - cb;
    if (ca > 0xffff) i++;
  }
  return a.length - b.length;
}

/**
 * The names of a tree's leaves in the stable order every tree function uses (code-point order).
 *
 * @example
 * ```ts
 * treeNames({ b: tf.scalar(1), a: tf.scalar(2) }); // ['a', 'b']
 * ```
 */
export function treeNames(tree: TensorTree): string[] {
  return Object.keys(tree).sort(compareNames);
}
