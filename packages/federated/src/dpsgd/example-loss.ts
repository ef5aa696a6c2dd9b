import { ValidationError } from '@tessera/core';
import { alignTarget, type Model, modelWeightPaths } from '@tessera/layers';
import * as tf from '@tensorflow/tfjs-core';

/** Per-example losses `[B]` of a compiled single-output model, and its trainable weights by path. @internal */
export interface ExampleLoss {
  readonly perExample: (y: tf.Tensor, predictions: tf.Tensor) => tf.Tensor1D;
  readonly paths: readonly string[];
  readonly variables: readonly tf.Variable[];
}

/**
 * The compiled loss of `model` per example (mean over any non-batch axes), with the trainable weights it
 * differentiates. @internal
 * @throws {@link ValidationError} for a model that is not compiled, has several outputs or no trainable weights.
 */
export function exampleLoss(model: Model, where: string): ExampleLoss {
  const loss = model.compiled?.losses[0];
  if (!model.compiled || model.outputNames.length !== 1 || !loss) {
    throw new ValidationError('DP-SGD needs a compiled model with one output and a loss', { where });
  }
  const trainable = model.trainableWeights;
  if (trainable.length === 0) throw new ValidationError('The model has no trainable weights', { where });
  return {
    perExample: (y, predictions) =>
      tf.tidy(() => {
        const values = loss(alignTarget(y, predictions), predictions);
        return (
          values.rank <= 1 ? tf.reshape(values, [-1]) : tf.mean(tf.reshape(values, [values.shape[0]!, -1]), 1)
        ) as tf.Tensor1D;
      }),
    paths: modelWeightPaths(model, trainable),
    variables: trainable.map((w) => w.variable),
  };
}
