import * as tf from '@tensorflow/tfjs-core';
import { type Callback, type CallbackContext, notify, type TrainingParams } from '../callbacks/callback.js';
import { History } from '../callbacks/history.js';
import type { Model } from '../model/model.js';
import type { BatchSource } from './batch-source.js';
import { classSampleWeights } from './class-weight.js';
import type { CompiledModel } from './compile.js';
import { evaluateSource, metricSlots } from './evaluate.js';
import { RunningLogs } from './running-logs.js';
import { runTrainStep } from './train-step.js';
import type { Batch, Logs } from './training-types.js';
import { type MetricSlot, updateMetrics } from './update-metrics.js';

/** The resolved options of one `fit` run. */
export interface FitPlan {
  readonly epochs: number;
  readonly initialEpoch: number;
  readonly validation: BatchSource | null;
  readonly validationFreq: number;
  readonly classWeight: Readonly<Record<number, number>> | null;
  readonly callbacks: readonly Callback[];
}

/** One batch through the compiled or the custom step, metrics included. @internal */
export async function trainBatch(
  model: Model,
  compiled: CompiledModel,
  batch: Batch,
  slots: readonly MetricSlot[],
  epoch: number,
  step: number,
): Promise<Logs> {
  const defaultStep = async (b: Batch): Promise<Logs> => {
    const { logs, predictions } = await runTrainStep(model, compiled, b);
    try {
      await updateMetrics(slots, b, predictions);
    } finally {
      tf.dispose(predictions);
    }
    return logs;
  };
  if (!compiled.trainStep) return defaultStep(batch);
  return compiled.trainStep(batch, { model, optimizer: compiled.optimizer, epoch, step, defaultStep });
}

/** The batch with class weights folded into its sample weights (the caller disposes `made`). @internal */
export function weighBatch(
  batch: Batch,
  classWeight: FitPlan['classWeight'],
): { batch: Batch; made: tf.Tensor | null } {
  if (!classWeight || batch.y.length === 0) return { batch, made: null };
  const made = classSampleWeights(batch.y[0]!, classWeight, batch.sampleWeight);
  return { batch: { ...batch, sampleWeight: made }, made };
}

/**
 * The training loop behind `model.fit`: for each epoch, every batch goes through the step (compiled or
 * custom), logs average over the epoch, validation runs every `validationFreq` epochs, and callbacks are
 * awaited at each hook. Reads tensors only asynchronously; each step disposes what it creates.
 * @example
 * ```ts
 * const history = await fitLoop(model, compiled, source, { epochs: 3, initialEpoch: 0, validation: null, validationFreq: 1, classWeight: null, callbacks: [] });
 * ```
 */
export async function fitLoop(
  model: Model,
  compiled: CompiledModel,
  train: BatchSource,
  plan: FitPlan,
): Promise<History> {
  const history = new History();
  // History goes last, as in Keras, so it records what other callbacks add to the logs (learning_rate).
  const callbacks = [...plan.callbacks, history];
  const slots = metricSlots(compiled);
  const keys = [
    'loss',
    ...(model.outputNames.length > 1 ? model.outputNames.map((n) => `${n}_loss`) : []),
    ...slots.map((s) => s.compiled.key),
  ];
  const params: TrainingParams = {
    epochs: plan.epochs,
    initialEpoch: plan.initialEpoch,
    steps: train.steps,
    samples: train.samples,
    metrics: plan.validation ? [...keys, ...keys.map((k) => `val_${k}`)] : keys,
  };
  const context: CallbackContext = { model, params, stopTraining: false };
  let epochLogs: Logs = {};
  await notify(callbacks, 'onTrainBegin', context);
  for (let epoch = plan.initialEpoch; epoch < plan.epochs && !context.stopTraining; epoch++) {
    await notify(callbacks, 'onEpochBegin', epoch, context);
    for (const s of slots) {
      s.accumulator.reset();
      s.updates = 0;
    }
    const running = new RunningLogs(slots);
    let step = 0;
    for await (const raw of train.epoch()) {
      await notify(callbacks, 'onBatchBegin', step, context);
      const { batch, made } = weighBatch(raw, plan.classWeight);
      try {
        running.add(await trainBatch(model, compiled, batch, slots, epoch, step), batch.size);
      } finally {
        made?.dispose();
      }
      await notify(callbacks, 'onBatchEnd', step, running.values(), context);
      step++;
      if (context.stopTraining) break;
    }
    epochLogs = running.values();
    if (plan.validation && (epoch + 1) % plan.validationFreq === 0) {
      Object.assign(epochLogs, await evaluateSource(model, compiled, plan.validation, 'val_'));
    }
    await notify(callbacks, 'onEpochEnd', epoch, epochLogs, context);
  }
  await notify(callbacks, 'onTrainEnd', epochLogs, context);
  return history;
}
