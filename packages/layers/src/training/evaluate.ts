import * as tf from '@tensorflow/tfjs-core';
import { createMetricAccumulator } from '@tessera/metrics';
import type { Model } from '../model/model.js';
import type { BatchSource } from './batch-source.js';
import type { CompiledModel } from './compile.js';
import { computeLoss } from './compute-loss.js';
import { RunningLogs } from './running-logs.js';
import { callArgument } from './train-step.js';
import type { Logs } from './training-types.js';
import { type MetricSlot, updateMetrics } from './update-metrics.js';

/** Fresh metric states for a run. @internal */
export function metricSlots(compiled: CompiledModel): MetricSlot[] {
  return compiled.metrics.map((c) => ({
    compiled: c,
    accumulator: createMetricAccumulator(c.metric),
    updates: 0,
  }));
}

/**
 * Runs the model in inference mode over `source` and returns the compiled loss and metrics (keys prefixed
 * with `prefix`, e.g. `val_`). The loss is left out when a custom step compiled no loss.
 * @example
 * ```ts
 * const logs = await evaluateSource(model, compiled, tensorBatches([x], [y], null, { batchSize: 64, shuffle: false }));
 * ```
 */
export async function evaluateSource(
  model: Model,
  compiled: CompiledModel,
  source: BatchSource,
  prefix = '',
  maxSteps = Number.POSITIVE_INFINITY,
): Promise<Logs> {
  const slots = metricSlots(compiled);
  const running = new RunningLogs(slots);
  const withLoss = compiled.losses.every((l) => l !== null);
  let step = 0;
  for await (const batch of source.epoch()) {
    if (step++ >= maxSteps) break;
    const predictions = tf.tidy(() => {
      const out = model.call(callArgument(batch), { training: false });
      return Array.isArray(out) ? out : [out];
    });
    try {
      if (withLoss && batch.y.length > 0) {
        const losses = tf.tidy(() => {
          const { total, perOutput } = computeLoss(
            compiled,
            batch.y,
            predictions,
            batch.sampleWeight,
            model.regularizationLosses(),
          );
          return [total, ...perOutput];
        });
        const values = await Promise.all(losses.map((t) => t.data()));
        tf.dispose(losses);
        const logs: Logs = { loss: values[0]![0]! };
        values.slice(1).forEach((v, i) => {
          logs[`${model.outputNames[i]}_loss`] = v[0]!;
        });
        running.add(logs, batch.size);
      }
      await updateMetrics(slots, batch, predictions);
    } finally {
      tf.dispose(predictions);
    }
  }
  return running.values(prefix);
}
