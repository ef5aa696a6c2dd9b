import * as tf from '@tensorflow/tfjs-core';
import { asFloat, checkPair, EPSILON } from './types.js';

function normalize(x: tf.Tensor): tf.Tensor {
  // Clamping the squared norm keeps zero vectors finite, with a finite gradient (Keras's l2 normalize).
  return tf.mul(x, tf.rsqrt(tf.maximum(tf.sum(tf.square(x), -1, true), EPSILON * EPSILON)));
}

/**
 * Negative cosine similarity over the last axis, `−Σ (y/‖y‖)(ŷ/‖ŷ‖)`: −1 for parallel vectors, so
 * minimising it aligns predictions with targets (Keras; tfjs's `cosineDistance` does not normalise).
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { cosineSimilarity } from '@tessera/optim';
 * cosineSimilarity(tf.tensor2d([[1, 0]]), tf.tensor2d([[2, 0]])); // [-1]
 * ```
 * @throws ValidationError / ShapeError / DTypeError for bad tensors
 * @see https://keras.io/api/losses/regression_losses/#cosinesimilarity-function
 */
export function cosineSimilarity(targets: tf.Tensor, predictions: tf.Tensor): tf.Tensor {
  checkPair(targets, predictions, 'cosineSimilarity');
  return tf.tidy(() => tf.neg(tf.sum(tf.mul(normalize(asFloat(targets)), normalize(predictions)), -1)));
}
