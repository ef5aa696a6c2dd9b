import * as tf from '@tensorflow/tfjs-core';
import { asFloat, checkPair } from './types.js';

/** Keras's rule: labels that are all 0 or 1 become −1/1; any other labels are used as given. */
function hingeLabels(targets: tf.Tensor): tf.Tensor {
  const y = asFloat(targets);
  const binary = tf.cast(tf.all(tf.logicalOr(tf.equal(y, 0), tf.equal(y, 1))), 'float32');
  // y + b·(y − 1) is 2y − 1 when b = 1 and y when b = 0, decided on the device without a read-back.
  return tf.add(y, tf.mul(binary, tf.sub(y, 1)));
}

/**
 * Hinge loss `mean(max(1 − y·ŷ, 0))` over the last axis, for labels in {−1, 1} or {0, 1} (the latter
 * mapped to {−1, 1} only when *all* labels are 0 or 1, as Keras does; tfjs's `hingeLoss` always maps).
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { hinge } from '@tessera/optim';
 * hinge(tf.tensor2d([[1, -1]]), tf.tensor2d([[0.5, -2]])); // [0.25]
 * ```
 * @throws ValidationError / ShapeError / DTypeError for bad tensors
 * @see Cortes & Vapnik, "Support-Vector Networks", Machine Learning 1995
 */
export function hinge(targets: tf.Tensor, predictions: tf.Tensor): tf.Tensor {
  checkPair(targets, predictions, 'hinge');
  return tf.tidy(() => tf.mean(tf.relu(tf.sub(1, tf.mul(hingeLabels(targets), predictions))), -1));
}

/**
 * Squared hinge loss `mean(max(1 − y·ŷ, 0)²)` over the last axis, with {@link hinge}'s label rule.
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { squaredHinge } from '@tessera/optim';
 * squaredHinge(tf.tensor2d([[1, -1]]), tf.tensor2d([[0.5, -2]])); // [0.125]
 * ```
 * @throws ValidationError / ShapeError / DTypeError for bad tensors
 * @see https://keras.io/api/losses/hinge_losses/#squaredhinge-function
 */
export function squaredHinge(targets: tf.Tensor, predictions: tf.Tensor): tf.Tensor {
  checkPair(targets, predictions, 'squaredHinge');
  return tf.tidy(() => tf.mean(tf.square(tf.relu(tf.sub(1, tf.mul(hingeLabels(targets), predictions)))), -1));
}
