import { ValidationError } from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';
import { stableSoftplus } from './stable-logits.js';
import { asFloat, checkPair } from './types.js';

/**
 * Huber loss over the last axis: `½e²` where `|e| ≤ δ`, else `δ|e| − ½δ²`, with `e = ŷ − y`.
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { huber } from '@tessera/optim';
 * huber(tf.tensor2d([[0, 0]]), tf.tensor2d([[0.5, 3]]), { delta: 1 }); // [(0.125 + 2.5) / 2]
 * ```
 * @throws ValidationError if δ is not positive, or for bad tensors (see {@link meanSquaredError})
 * @see Huber, "Robust Estimation of a Location Parameter", Ann. Math. Statist. 1964
 */
export function huber(
  targets: tf.Tensor,
  predictions: tf.Tensor,
  options: { readonly delta?: number } = {},
): tf.Tensor {
  checkPair(targets, predictions, 'huber');
  const delta = options.delta ?? 1;
  if (typeof delta !== 'number' || !(delta > 0) || !Number.isFinite(delta)) {
    throw ValidationError.expected('a positive finite delta', delta, 'huber(delta)');
  }
  return tf.tidy(() => {
    // ½q² + δ(|e| − q) with q = min(|e|, δ) is the piecewise formula without a data-dependent branch
    // (tfjs cannot differentiate through the comparison a `where` would need).
    const absError = tf.abs(tf.sub(predictions, asFloat(targets)));
    const quadratic = tf.minimum(absError, delta);
    const linear = tf.sub(absError, quadratic);
    return tf.mean(tf.add(tf.mul(tf.square(quadratic), 0.5), tf.mul(linear, delta)), -1);
  });
}

/**
 * Log-cosh loss over the last axis, `mean(log cosh(ŷ − y))`, computed as `x + softplus(−2x) − log 2` so
 * large errors do not overflow.
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { logCosh } from '@tessera/optim';
 * logCosh(tf.tensor2d([[0]]), tf.tensor2d([[1]])); // [log(cosh(1))]
 * ```
 * @throws ValidationError / ShapeError / DTypeError for bad tensors
 * @see https://keras.io/api/losses/regression_losses/#logcosh-function
 */
export function logCosh(targets: tf.Tensor, predictions: tf.Tensor): tf.Tensor {
  checkPair(targets, predictions, 'logCosh');
  return tf.tidy(() => {
    const x = tf.sub(predictions, asFloat(targets));
    return tf.mean(tf.sub(tf.add(x, stableSoftplus(tf.mul(x, -2))), Math.log(2)), -1);
  });
}
