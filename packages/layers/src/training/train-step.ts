import * as tf from '@tensorflow/tfjs-core';
import { ValidationError } from '@tessera/core';
import type { Model } from '../model/model.js';
import type { CompiledModel } from './compile.js';
import { computeLoss } from './compute-loss.js';
import type { Batch, Logs } from './training-types.js';
import { modelWeightPaths } from './weight-paths.js';

/** The outcome of a compiled step: the batch's loss values and the predictions for the metrics. */
export interface StepOutcome {
  readonly logs: Logs;
  /** The caller disposes them (after updating metrics). */
  readonly predictions: tf.Tensor[];
}

/** The inputs of `model.call`: one tensor, or the list for a multi-input model. @internal */
export function callArgument(batch: Batch): tf.Tensor | tf.Tensor[] {
  return batch.x.length === 1 ? batch.x[0]! : [...batch.x];
}

/**
 * One compiled training step: forward pass in training mode, loss (with regularisation), gradients of the
 * trainable weights, optimizer update keyed by the weights' paths in the model (so optimizer state survives
 * save and reload), then constraints. Reads the loss asynchronously and disposes every tensor it made
 * except the returned predictions.
 * @throws ValidationError when the batch has no targets
 * @example
 * ```ts
 * const { logs, predictions } = await runTrainStep(model, compiled, batch);
 * tf.dispose(predictions);
 * ```
 */
export async function runTrainStep(
  model: Model,
  compiled: CompiledModel,
  batch: Batch,
): Promise<StepOutcome> {
  if (batch.y.length === 0)
    throw new ValidationError('Training needs targets (y), or a custom trainStep', {
      where: `${model.name}.fit`,
    });
  // A model built lazily (a Sequential without inputShape) must have its weights before the tape starts.
  if (!model.built) model.build(batch.x.length === 1 ? batch.x[0]!.shape : batch.x.map((t) => t.shape));
  const trainable = model.trainableWeights;
  const paths = modelWeightPaths(model, trainable);
  let predictions: tf.Tensor[] = [];
  let parts: tf.Scalar[] = [];
  const lossFn = (): tf.Scalar => {
    const out = model.call(callArgument(batch), { training: true });
    const preds = Array.isArray(out) ? out : [out];
    const { total, perOutput } = computeLoss(
      compiled,
      batch.y,
      preds,
      batch.sampleWeight,
      model.regularizationLosses(),
    );
    predictions = preds.map((p) => tf.keep(p));
    parts = perOutput.map((p) => tf.keep(p));
    return total;
  };
  let total: tf.Scalar;
  if (trainable.length === 0) {
    total = tf.tidy(lossFn);
  } else {
    const { value, grads } = tf.variableGrads(
      lossFn,
      trainable.map((w) => w.variable),
    );
    total = value;
    const gradsByPath: Record<string, tf.Tensor> = {};
    const varsByPath: Record<string, tf.Variable> = {};
    trainable.forEach((w, i) => {
      gradsByPath[paths[i]!] = grads[w.variable.name]!;
      varsByPath[paths[i]!] = w.variable;
    });
    try {
      await compiled.optimizer.applyGradients(gradsByPath, varsByPath);
    } finally {
      tf.dispose(Object.values(grads));
    }
    model.applyConstraints();
  }
  const values = await Promise.all([total, ...parts].map((t) => t.data()));
  tf.dispose([total, ...parts]);
  const logs: Logs = { loss: values[0]![0]! };
  parts.forEach((_, i) => {
    logs[`${model.outputNames[i]}_loss`] = values[i + 1]![0]!;
  });
  return { logs, predictions };
}
