import * as tf from '@tensorflow/tfjs-core';
import { ValidationError } from '@tessera/core';
import { reduceLoss } from '@tessera/optim';
import type { CompiledModel } from './compile.js';

/** The total loss and, with several outputs, each output's (unweighted) loss. */
export interface LossValues {
  readonly total: tf.Scalar;
  readonly perOutput: readonly tf.Scalar[];
}

/**
 * The compiled loss of a batch: each output's per-example loss reduced with the sample weights (Keras's
 * `sum_over_batch_size`), weighted by `lossWeights`, summed, plus the regularisation penalties. Call it
 * inside the tape (and a `tf.tidy`).
 * @throws ValidationError when targets are missing for an output
 * @example
 * ```ts
 * const { total } = computeLoss(compiled, [y], [predictions], null, model.regularizationLosses());
 * ```
 */
export function computeLoss(
  compiled: CompiledModel,
  targets: readonly tf.Tensor[],
  predictions: readonly tf.Tensor[],
  sampleWeight: tf.Tensor | null,
  regularization: readonly tf.Scalar[],
): LossValues {
  if (targets.length !== predictions.length) {
    throw ValidationError.expected(
      `${predictions.length} target tensors (one per output)`,
      `${targets.length}`,
      'computeLoss',
    );
  }
  const perOutput = predictions.map((p, i) => {
    const loss = compiled.losses[i];
    if (!loss) throw new ValidationError(`No loss was compiled for output ${i}`, { where: 'computeLoss' });
    return reduceLoss(
      loss(alignTarget(targets[i]!, p), p),
      sampleWeight ? { sampleWeight } : {},
    ) as tf.Scalar;
  });
  const terms = perOutput.map((l, i) =>
    compiled.lossWeights[i] === 1 ? l : tf.mul(l, compiled.lossWeights[i]!),
  );
  const total = tf.addN([...terms, ...regularization]) as tf.Scalar;
  return { total, perOutput: perOutput.length > 1 ? perOutput : [] };
}

/**
 * Targets `[b]` for predictions `[b, 1]` gain the trailing axis (Keras's squeeze/expand rule), so a
 * `Dense(1)` regression or sigmoid output takes plain label vectors. @internal
 */
export function alignTarget(target: tf.Tensor, prediction: tf.Tensor): tf.Tensor {
  return target.rank === prediction.rank - 1 && prediction.shape.at(-1) === 1
    ? tf.expandDims(target, -1)
    : target;
}
