import type * as tf from '@tensorflow/tfjs-core';
import type { MetricAccumulator } from '@tessera/metrics';
import type { CompiledMetric } from './compile.js';
import type { Batch } from './training-types.js';

/** A compiled metric with its running state. @internal */
export interface MetricSlot {
  readonly compiled: CompiledMetric;
  readonly accumulator: MetricAccumulator<any, any>;
  /** Batches folded in since the last reset (a custom step may update none). */
  updates: number;
}

/** Folds a batch's predictions into every metric (metrics read tensors asynchronously, create none). @internal */
export async function updateMetrics(
  slots: readonly MetricSlot[],
  batch: Batch,
  predictions: readonly tf.Tensor[],
): Promise<void> {
  for (const { compiled, accumulator } of slots) {
    const target = batch.y[compiled.output];
    if (!target) continue;
    await accumulator.update(target, predictions[compiled.output]!, batch.sampleWeight ?? undefined);
  }
  for (const slot of slots) slot.updates++;
}
