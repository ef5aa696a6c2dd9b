import * as tf from '@tensorflow/tfjs-core';
import { sigmoidCrossEntropyWithLogits } from './stable-logits.js';
import { asFloat, checkPair, checkSmoothing, EPSILON } from './types.js';

/** Options of the cross-entropy losses. */
export interface CrossentropyOptions {
  /** Predictions are logits rather than probabilities; default false. */
  readonly fromLogits?: boolean;
  /** Mixes targets with the uniform distribution: binary `y(1−s) + s/2`, categorical `y(1−s) + s/K`. */
  readonly labelSmoothing?: number;
}

/**
 * Binary cross-entropy, averaged over the last axis. From logits it is PyTorch's `BCEWithLogitsLoss`
 * (`max(x,0) − xy + log1p(e^−|x|)`, finite for any logit); from probabilities it is Keras's formula with
 * `ŷ` clipped to `[1e-7, 1 − 1e-7]` (tfjs's `logLoss` adds ε inside the log instead).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { binaryCrossentropy } from '@tessera/optim';
 * binaryCrossentropy(tf.tensor2d([[1, 0]]), tf.tensor2d([[100, -100]]), { fromLogits: true }); // [0]
 * ```
 * @throws ValidationError / ShapeError / DTypeError for bad tensors or a smoothing factor outside [0, 1]
 * @see https://pytorch.org/docs/stable/generated/torch.nn.BCEWithLogitsLoss.html
 */
export function binaryCrossentropy(
  targets: tf.Tensor,
  predictions: tf.Tensor,
  options: CrossentropyOptions = {},
): tf.Tensor {
  checkPair(targets, predictions, 'binaryCrossentropy');
  const smoothing = checkSmoothing(options.labelSmoothing, 'binaryCrossentropy(labelSmoothing)');
  return tf.tidy(() => {
    let y = asFloat(targets);
    if (smoothing > 0) y = tf.add(tf.mul(y, 1 - smoothing), 0.5 * smoothing);
    if (options.fromLogits) return tf.mean(sigmoidCrossEntropyWithLogits(y, predictions), -1);
    const p = tf.clipByValue(predictions, EPSILON, 1 - EPSILON);
    const logLikelihood = tf.add(tf.mul(y, tf.log(p)), tf.mul(tf.sub(1, y), tf.log(tf.sub(1, p))));
    return tf.mean(tf.neg(logLikelihood), -1);
  });
}
