import * as tf from '@tensorflow/tfjs-core';
import { asFloat, checkPair, EPSILON } from './types.js';

/**
 * Mean squared error over the last axis: `mean((y − ŷ)²)`.
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { meanSquaredError } from '@tessera/optim';
 * meanSquaredError(tf.tensor2d([[0, 1]]), tf.tensor2d([[1, 1]])); // [0.5]
 * ```
 * @throws ValidationError / ShapeError / DTypeError for non-tensors, mismatched shapes or non-float predictions
 * @see https://pytorch.org/docs/stable/generated/torch.nn.MSELoss.html
 */
export function meanSquaredError(targets: tf.Tensor, predictions: tf.Tensor): tf.Tensor {
  checkPair(targets, predictions, 'meanSquaredError');
  return tf.tidy(() => tf.mean(tf.squaredDifference(asFloat(targets), predictions), -1));
}

/**
 * Mean absolute error over the last axis: `mean(|y − ŷ|)`.
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { meanAbsoluteError } from '@tessera/optim';
 * meanAbsoluteError(tf.tensor2d([[0, 1]]), tf.tensor2d([[1, 3]])); // [1.5]
 * ```
 * @throws ValidationError / ShapeError / DTypeError for non-tensors, mismatched shapes or non-float predictions
 * @see https://pytorch.org/docs/stable/generated/torch.nn.L1Loss.html
 */
export function meanAbsoluteError(targets: tf.Tensor, predictions: tf.Tensor): tf.Tensor {
  checkPair(targets, predictions, 'meanAbsoluteError');
  return tf.tidy(() => tf.mean(tf.abs(tf.sub(predictions, asFloat(targets))), -1));
}

/**
 * Mean squared logarithmic error, Keras's formula: `mean((log(max(ŷ, ε) + 1) − log(max(y, ε) + 1))²)`.
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { meanSquaredLogarithmicError } from '@tessera/optim';
 * meanSquaredLogarithmicError(tf.tensor2d([[1, 2]]), tf.tensor2d([[1, 3]]));
 * ```
 * @throws ValidationError / ShapeError / DTypeError for non-tensors, mismatched shapes or non-float predictions
 * @see https://keras.io/api/losses/regression_losses/#meansquaredlogarithmicerror-function
 */
export function meanSquaredLogarithmicError(targets: tf.Tensor, predictions: tf.Tensor): tf.Tensor {
  checkPair(targets, predictions, 'meanSquaredLogarithmicError');
  return tf.tidy(() => {
    const logP = tf.log(tf.add(tf.maximum(predictions, EPSILON), 1));
    const logY = tf.log(tf.add(tf.maximum(asFloat(targets), EPSILON), 1));
    return tf.mean(tf.squaredDifference(logP, logY), -1);
  });
}
