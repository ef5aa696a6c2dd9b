import { DTypeError, ShapeError, ValidationError } from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';
import type { CrossentropyOptions } from './binary-crossentropy.js';
import { asFloat, checkFloat, checkPair, checkSmoothing, EPSILON } from './types.js';

/** `log p` over the last axis from logits, or from probabilities normalised and clipped as Keras does. */
function logProbabilities(predictions: tf.Tensor, fromLogits: boolean | undefined): tf.Tensor {
  if (fromLogits) return tf.logSoftmax(predictions, -1);
  const normalised = tf.div(predictions, tf.sum(predictions, -1, true));
  return tf.log(tf.clipByValue(normalised, EPSILON, 1 - EPSILON));
}

/**
 * Categorical cross-entropy over the last (class) axis, `−Σ y·log p`. From logits it uses `logSoftmax`
 * (PyTorch's `CrossEntropyLoss` with probability targets; finite for logits of any size); from
 * probabilities, Keras's formula (normalise, then clip to `[1e-7, 1 − 1e-7]`).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { categoricalCrossentropy } from '@tessera/optim';
 * categoricalCrossentropy(tf.tensor2d([[0, 1]]), tf.tensor2d([[2, 1]]), { fromLogits: true, labelSmoothing: 0.1 });
 * ```
 * @throws ValidationError / ShapeError / DTypeError for bad tensors or a smoothing factor outside [0, 1]
 * @see https://pytorch.org/docs/stable/generated/torch.nn.CrossEntropyLoss.html
 */
export function categoricalCrossentropy(
  targets: tf.Tensor,
  predictions: tf.Tensor,
  options: CrossentropyOptions = {},
): tf.Tensor {
  checkPair(targets, predictions, 'categoricalCrossentropy');
  const smoothing = checkSmoothing(options.labelSmoothing, 'categoricalCrossentropy(labelSmoothing)');
  return tf.tidy(() => {
    let y = asFloat(targets);
    const classes = predictions.shape[predictions.rank - 1]!;
    if (smoothing > 0) y = tf.add(tf.mul(y, 1 - smoothing), smoothing / classes);
    return tf.neg(tf.sum(tf.mul(y, logProbabilities(predictions, options.fromLogits)), -1));
  });
}

/**
 * Categorical cross-entropy with integer class labels (`[batch, ...]`, or with a trailing axis of 1):
 * `−log p[label]`. From logits it matches PyTorch's `CrossEntropyLoss` with class indices (unlike
 * tfjs-layers, it does not clip logits); from probabilities, Keras's normalise-and-clip formula. A label
 * outside `[0, classes)` gives NaN rather than a silently wrong value.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { sparseCategoricalCrossentropy } from '@tessera/optim';
 * sparseCategoricalCrossentropy(tf.tensor1d([1], 'int32'), tf.tensor2d([[2, 1, 0]]), { fromLogits: true });
 * ```
 * @throws ValidationError / ShapeError / DTypeError if labels are not integers or their shape does not match
 * @see https://pytorch.org/docs/stable/generated/torch.nn.CrossEntropyLoss.html
 */
export function sparseCategoricalCrossentropy(
  targets: tf.Tensor,
  predictions: tf.Tensor,
  options: Pick<CrossentropyOptions, 'fromLogits'> = {},
): tf.Tensor {
  const where = 'sparseCategoricalCrossentropy';
  checkFloat(predictions, `${where}(predictions)`);
  if (!(targets instanceof tf.Tensor))
    throw ValidationError.expected('a tensor of class indices', targets, `${where}(targets)`);
  if (targets.dtype !== 'int32')
    throw new DTypeError(`Expected int32 class indices, received ${targets.dtype}`, {
      where: `${where}(targets)`,
    });
  const outer = predictions.shape.slice(0, -1);
  let shape = targets.shape;
  if (shape.length === predictions.rank && shape[shape.length - 1] === 1) shape = shape.slice(0, -1);
  if (predictions.rank < 1 || !tf.util.arraysEqual(shape, outer))
    throw ShapeError.mismatch(outer, targets.shape, `${where}(targets)`);
  return tf.tidy(() => {
    const classes = predictions.shape[predictions.rank - 1]!;
    const oneHot = tf.reshape(
      tf.cast(tf.oneHot(tf.reshape(targets, [-1]), classes), 'float32'),
      predictions.shape,
    );
    const loss = tf.neg(tf.sum(tf.mul(oneHot, logProbabilities(predictions, options.fromLogits)), -1));
    const valid = tf.equal(tf.sum(oneHot, -1), 1);
    return tf.where(valid, loss, tf.fill(loss.shape, Number.NaN));
  });
}
