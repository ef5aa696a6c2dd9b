import { ShapeError, ValidationError } from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';
import { optionalChoice } from '../internal/validate.js';
import { checkFloat, type LossFunction } from './types.js';

/**
 * How per-example losses become one number. `'sumOverBatchSize'` (Keras's default) divides the weighted
 * sum by the number of loss values; `'mean'` divides it by the sum of the weights (PyTorch's weighted
 * `CrossEntropyLoss`), which is the same when there are no weights.
 */
export type Reduction = 'none' | 'sum' | 'mean' | 'sumOverBatchSize';

/** Options of {@link reduceLoss}. */
export interface ReduceLossOptions {
  /** Default `'sumOverBatchSize'`. */
  readonly reduction?: Reduction;
  /**
   * Per-example weights, broadcastable to the loss values after Keras's rank alignment (a `[batch]` weight
   * applies to every value of an example).
   */
  readonly sampleWeight?: tf.Tensor;
}

const REDUCTIONS = ['none', 'sum', 'mean', 'sumOverBatchSize'] as const;

function alignWeight(weight: tf.Tensor, values: tf.Tensor): tf.Tensor {
  checkFloat(weight, 'reduceLoss(sampleWeight)');
  let shape = weight.shape;
  // Keras squeezes a trailing 1 or appends axes so that [batch] weights line up with [batch, ...] values.
  if (shape.length === values.rank + 1 && shape[shape.length - 1] === 1) shape = shape.slice(0, -1);
  while (shape.length < values.rank) shape = [...shape, 1];
  const ok = shape.length === values.rank && shape.every((d, i) => d === 1 || d === values.shape[i]);
  if (!ok)
    throw ShapeError.mismatch(
      values.shape,
      weight.shape,
      'reduceLoss(sampleWeight): not broadcastable to the loss values',
    );
  return tf.reshape(weight, shape);
}

/**
 * Applies sample weights and a reduction to per-example loss values.
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { reduceLoss } from '@tessera/optim';
 * reduceLoss(tf.tensor1d([1, 3]), { sampleWeight: tf.tensor1d([1, 0]), reduction: 'mean' }); // 1
 * ```
 * @throws ValidationError for an unknown reduction; ShapeError if the weights do not broadcast
 * @see https://keras.io/api/losses/#the-reduction-argument
 */
export function reduceLoss(values: tf.Tensor, options: ReduceLossOptions = {}): tf.Tensor {
  checkFloat(values, 'reduceLoss(values)');
  const reduction = optionalChoice(
    options.reduction,
    REDUCTIONS,
    'sumOverBatchSize',
    'reduceLoss(reduction)',
  );
  return tf.tidy(() => {
    const weight = options.sampleWeight ? alignWeight(options.sampleWeight, values) : undefined;
    const weighted = weight ? tf.mul(values, weight) : values;
    if (reduction === 'none') return weighted === values ? tf.clone(values) : weighted;
    const total = tf.sum(weighted);
    if (reduction === 'sum') return total;
    if (reduction === 'sumOverBatchSize' || !weight) return tf.div(total, Math.max(values.size, 1));
    const weightTotal = tf.sum(tf.mul(tf.onesLike(values), weight));
    // divide-no-nan: all-zero weights give 0, as in Keras.
    return tf.where(tf.equal(weightTotal, 0), tf.zerosLike(total), tf.div(total, weightTotal));
  });
}

/**
 * Binds a reduction to a loss: `(targets, predictions, sampleWeight?) → scalar` (or the weighted values for
 * `'none'`).
 * @example
 * ```ts
 * import { categoricalCrossentropy, withReduction } from '@tessera/optim';
 * const loss = withReduction((y, p) => categoricalCrossentropy(y, p, { fromLogits: true }), { reduction: 'sum' });
 * ```
 * @throws ValidationError for an unknown reduction or a non-function loss
 */
export function withReduction(
  loss: LossFunction,
  options: Omit<ReduceLossOptions, 'sampleWeight'> = {},
): (targets: tf.Tensor, predictions: tf.Tensor, sampleWeight?: tf.Tensor) => tf.Tensor {
  if (typeof loss !== 'function')
    throw ValidationError.expected('a loss function', loss, 'withReduction(loss)');
  optionalChoice(options.reduction, REDUCTIONS, 'sumOverBatchSize', 'withReduction(reduction)');
  return (targets, predictions, sampleWeight) =>
    tf.tidy(() =>
      reduceLoss(loss(targets, predictions), { ...options, ...(sampleWeight ? { sampleWeight } : {}) }),
    );
}
