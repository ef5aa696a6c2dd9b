import * as tf from '@tensorflow/tfjs-core';
import { asFloat, checkPair, EPSILON } from './types.js';

/**
 * Kullback–Leibler divergence `Σ y·log(y/ŷ)` over the last axis, both clipped to `[1e-7, 1]` (Keras).
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { klDivergence } from '@tessera/optim';
 * klDivergence(tf.tensor2d([[0.5, 0.5]]), tf.tensor2d([[0.9, 0.1]]));
 * ```
 * @throws ValidationError / ShapeError / DTypeError for bad tensors
 * @see Kullback & Leibler, "On Information and Sufficiency", Ann. Math. Statist. 1951
 */
export function klDivergence(targets: tf.Tensor, predictions: tf.Tensor): tf.Tensor {
  checkPair(targets, predictions, 'klDivergence');
  return tf.tidy(() => {
    const y = tf.clipByValue(asFloat(targets), EPSILON, 1);
    const p = tf.clipByValue(predictions, EPSILON, 1);
    return tf.sum(tf.mul(y, tf.log(tf.div(y, p))), -1);
  });
}

/**
 * Poisson negative log-likelihood (without the constant), `mean(ŷ − y·log(ŷ + 1e-7))` over the last axis
 * (Keras; PyTorch's `PoissonNLLLoss(log_input=False)` uses ε = 1e-8).
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { poisson } from '@tessera/optim';
 * poisson(tf.tensor2d([[1, 2]]), tf.tensor2d([[1.5, 2.5]]));
 * ```
 * @throws ValidationError / ShapeError / DTypeError for bad tensors
 * @see https://keras.io/api/losses/probabilistic_losses/#poisson-function
 */
export function poisson(targets: tf.Tensor, predictions: tf.Tensor): tf.Tensor {
  checkPair(targets, predictions, 'poisson');
  return tf.tidy(() =>
    tf.mean(tf.sub(predictions, tf.mul(asFloat(targets), tf.log(tf.add(predictions, EPSILON)))), -1),
  );
}
