import * as tf from '@tensorflow/tfjs-core';
import { ValidationError } from '@tessera/core';
import type { Model } from '../model/model.js';
import type { BatchSource } from './batch-source.js';
import { callArgument } from './train-step.js';

/**
 * Runs the model in inference mode batch by batch and concatenates the outputs: one tensor, or one per
 * output. The caller disposes the result.
 * @throws ValidationError when the source yields no batch
 * @example
 * ```ts
 * const probabilities = await predictSource(model, tensorBatches([x], [], null, { batchSize: 256, shuffle: false }));
 * ```
 */
export async function predictSource(model: Model, source: BatchSource): Promise<tf.Tensor | tf.Tensor[]> {
  const chunks: tf.Tensor[][] = [];
  try {
    for await (const batch of source.epoch()) {
      chunks.push(
        tf.tidy(() => {
          const out = model.call(callArgument(batch), { training: false });
          return Array.isArray(out) ? out : [out];
        }),
      );
    }
    const first = chunks[0];
    if (!first)
      throw new ValidationError('Nothing to predict: the data has no examples', {
        where: `${model.name}.predict`,
      });
    const outputs = first.map((_, i) =>
      chunks.length === 1
        ? tf.clone(first[i]!)
        : tf.concat(
            chunks.map((c) => c[i]!),
            0,
          ),
    );
    return outputs.length === 1 ? outputs[0]! : outputs;
  } finally {
    for (const c of chunks) tf.dispose(c);
  }
}
