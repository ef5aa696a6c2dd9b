import type { TensorTree } from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';
import { checkTree } from '../internal/slots.js';

/**
 * Returns `params + updates` leaf by leaf, as new tensors (the inputs are not disposed).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { applyUpdates } from '@tessera/optim';
 * const next = applyUpdates({ w: tf.ones([2]) }, { w: tf.tensor1d([-0.1, 0.1]) }); // { w: [0.9, 1.1] }
 * ```
 * @throws ValidationError / ShapeError if the two trees do not have the same names and shapes
 */
export function applyUpdates(params: TensorTree, updates: TensorTree): TensorTree {
  checkTree(params, updates, 'applyUpdates(updates)');
  const out: TensorTree = {};
  for (const name of Object.keys(params)) {
    const p = params[name]!;
    out[name] = tf.tidy(() => tf.add(p, tf.cast(updates[name]!, p.dtype)));
  }
  return out;
}

/**
 * Adds `updates` to `tf.Variable`s in place (`v.assign(v + u)`), the usual last step of training.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { applyUpdatesToVariables } from '@tessera/optim';
 * const w = tf.variable(tf.ones([2]));
 * applyUpdatesToVariables({ w }, { w: tf.tensor1d([-0.1, 0.1]) });
 * ```
 * @throws ValidationError / ShapeError if the two trees do not have the same names and shapes
 */
export function applyUpdatesToVariables(variables: Record<string, tf.Variable>, updates: TensorTree): void {
  checkTree(variables, updates, 'applyUpdatesToVariables(updates)');
  for (const name of Object.keys(variables)) {
    const v = variables[name]!;
    tf.tidy(() => v.assign(tf.add(v, tf.cast(updates[name]!, v.dtype))));
  }
}
