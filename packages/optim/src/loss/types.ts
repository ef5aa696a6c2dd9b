import { DTypeError, ShapeError, ValidationError } from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';

/**
 * A loss: a pure function from targets and predictions to one value per example (the last axis reduced,
 * as Keras does; shape `[batch, ...]`). Reduce it with {@link reduceLoss}.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { meanSquaredError, type LossFunction } from '@tessera/optim';
 * const loss: LossFunction = meanSquaredError;
 * loss(tf.zeros([2, 3]), tf.ones([2, 3])); // [1, 1]
 * ```
 */
export type LossFunction = (targets: tf.Tensor, predictions: tf.Tensor) => tf.Tensor;

/** Keras's `backend.epsilon()`: probabilities are clipped to `[EPSILON, 1 − EPSILON]`. */
export const EPSILON = 1e-7;

/**
 * Checks the common preconditions of an element-wise loss: two float tensors of the same shape, rank ≥ 1.
 * @throws ValidationError / DTypeError / ShapeError
 */
export function checkPair(targets: unknown, predictions: unknown, where: string): void {
  checkFloat(predictions, `${where}(predictions)`);
  if (!(targets instanceof tf.Tensor))
    throw ValidationError.expected('a tensor', targets, `${where}(targets)`);
  const p = predictions as tf.Tensor;
  if (p.rank < 1) throw ShapeError.mismatch([null], p.shape, `${where}(predictions): at least rank 1`);
  if (!tf.util.arraysEqual(targets.shape, p.shape))
    throw ShapeError.mismatch(p.shape, targets.shape, `${where}(targets)`);
}

/** @throws ValidationError / DTypeError unless `value` is a float32 tensor */
export function checkFloat(value: unknown, where: string): void {
  if (!(value instanceof tf.Tensor)) throw ValidationError.expected('a tensor', value, where);
  if (value.dtype !== 'float32')
    throw new DTypeError(`Expected a float32 tensor, received ${value.dtype}`, { where });
}

/** Validates a label-smoothing factor in [0, 1]. */
export function checkSmoothing(value: unknown, where: string): number {
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !(value >= 0 && value <= 1))
    throw ValidationError.expected('a number in [0, 1]', value, where);
  return value;
}

/** Targets as float32 (Keras casts targets to the predictions' dtype). */
export function asFloat(targets: tf.Tensor): tf.Tensor {
  return targets.dtype === 'float32' ? targets : tf.cast(targets, 'float32');
}
