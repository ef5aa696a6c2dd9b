import * as tf from '@tensorflow/tfjs-core';
import { type CompiledModel, computeLoss, type Model } from '@tessera/layers';
import type { SharedTensor } from './protocol.js';

/** Rows `indices` of a shared tensor as a new tensor. @internal */
export function gatherRows(shared: SharedTensor, indices: readonly number[]): tf.Tensor {
  const row = shared.shape.slice(1).reduce((a, b) => a * b, 1);
  const all = shared.dtype === 'int32' ? new Int32Array(shared.buffer) : new Float32Array(shared.buffer);
  const out =
    shared.dtype === 'int32' ? new Int32Array(indices.length * row) : new Float32Array(indices.length * row);
  indices.forEach((r, i) => {
    out.set(all.subarray(r * row, (r + 1) * row), i * row);
  });
  return tf.tensor(out, [indices.length, ...shared.shape.slice(1)], shared.dtype);
}

/**
 * This worker's share of a global step: the gradient of `(shard size / global batch size) · shard loss`
 * written into `slot` (so the slots sum to the gradient of the global batch's mean loss plus the
 * regularisation), and that weighted loss returned. An empty shard writes zeros. `onPredictions` sees the
 * shard's training-mode outputs (for metrics) before they are disposed. @internal
 */
export async function shardGradient(
  model: Model,
  compiled: CompiledModel,
  x: tf.Tensor | null,
  y: tf.Tensor | null,
  fraction: number,
  slot: Float32Array,
  onPredictions: (predictions: tf.Tensor) => Promise<void> = async () => undefined,
): Promise<number> {
  const trainable = model.trainableWeights;
  if (!x || !y || fraction === 0) {
    slot.fill(0);
    return 0;
  }
  let kept: tf.Tensor | undefined;
  const { value, grads } = tf.variableGrads(
    () => {
      const out = model.call(x, { training: true });
      const predictions = Array.isArray(out) ? out : [out];
      kept = tf.keep(predictions[0]!);
      const { total } = computeLoss(compiled, [y], predictions, null, model.regularizationLosses());
      return tf.mul(total, fraction) as tf.Scalar;
    },
    trainable.map((w) => w.variable),
  );
  try {
    await onPredictions(kept!);
    let offset = 0;
    for (const w of trainable) {
      const g = grads[w.variable.name];
      const size = w.variable.size;
      if (g) slot.set((await g.data()) as Float32Array, offset);
      else slot.fill(0, offset, offset + size);
      offset += size;
    }
    return (await value.data())[0]!;
  } finally {
    tf.dispose([value, kept!, ...Object.values(grads)]);
  }
}

/** The sum of every worker's slot, in worker order (so all workers get bit-identical sums), as tensors. @internal */
export function summedGradients(
  all: Float32Array,
  workers: number,
  shapes: readonly number[][],
): tf.Tensor[] {
  const size = all.length / workers;
  const sum = new Float64Array(size);
  for (let w = 0; w < workers; w++) {
    const slot = all.subarray(w * size, (w + 1) * size);
    for (let i = 0; i < size; i++) sum[i]! += slot[i]!;
  }
  let offset = 0;
  return shapes.map((shape) => {
    const n = shape.reduce((a, b) => a * b, 1);
    const t = tf.tensor(Float32Array.from(sum.subarray(offset, offset + n)), shape);
    offset += n;
    return t;
  });
}
