import * as tf from '@tensorflow/tfjs-core';

const product = (dims: readonly number[]) => dims.reduce((p, d) => p * d, 1);

/**
 * Gradient of `GatherV2` (`tf.gather`). tfjs-core's returns the indices themselves as their "gradient",
 * an int32 tensor the tape rejects whenever the indices depend on what is differentiated
 * (`gather(x, argMax(x))`), and handles `batchDims` only up to 1. Here the indices get a zero gradient, as
 * in PyTorch, and the input gradient sums the output gradient into the gathered rows for any `batchDims`:
 * each batch's indices are offset by `batch · x.shape[axis]` so one segment sum serves every batch.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { gatherV2GradConfig } from '@tessera/core';
 * tf.registerGradient(gatherV2GradConfig);
 * tf.grad((x) => tf.gather(x, tf.argMax(x)))(tf.tensor1d([1, 5, 2])); // [0, 1, 0]
 * ```
 * @see https://pytorch.org/docs/stable/generated/torch.index_select.html
 */
export const gatherV2GradConfig: tf.GradConfig = {
  kernelName: tf.GatherV2,
  inputsToSave: ['x', 'indices'],
  gradFunc: (dy, saved, attrs) => {
    const [x, indices] = saved as [tf.Tensor, tf.Tensor];
    const { axis, batchDims } = attrs as unknown as tf.GatherV2Attrs;
    return {
      x: () => gatherInputGradient(x, indices, dy as tf.Tensor, axis, batchDims),
      indices: () => tf.zeros(indices.shape, 'float32'),
    };
  },
};

/** Sums `dy` (shape `x[:axis] + indices[batchDims:] + x[axis+1:]`) into the rows of `x` it was read from. */
function gatherInputGradient(
  x: tf.Tensor,
  indices: tf.Tensor,
  dy: tf.Tensor,
  axis: number,
  batchDims: number,
): tf.Tensor {
  const [gatherAxis] = tf.util.parseAxisParam(axis, x.shape) as [number];
  const b = batchDims < 0 ? batchDims + indices.rank : batchDims;
  // x is [B…, P…, N, I…] with B the batch dims shared with the indices ([B…, J…]); dy is [B…, P…, J…, I…].
  const batches = product(x.shape.slice(0, b));
  const outer = product(x.shape.slice(b, gatherAxis));
  const rows = x.shape[gatherAxis]!;
  const inner = product(x.shape.slice(gatherAxis + 1));
  const perBatch = indices.size / batches;
  const values = tf.reshape(tf.transpose(tf.reshape(dy, [batches, outer, perBatch, inner]), [0, 2, 1, 3]), [
    batches * perBatch,
    outer * inner,
  ]);
  let segments = tf.reshape(indices, [batches, perBatch]);
  if (batches > 1) {
    const offsets = tf.mul(tf.range(0, batches, 1, 'int32'), tf.scalar(rows, 'int32'));
    segments = tf.add(segments, tf.reshape(offsets, [batches, 1]));
  }
  const sums = tf.unsortedSegmentSum(values, tf.reshape(segments, [-1]), batches * rows);
  return tf.reshape(tf.transpose(tf.reshape(sums, [batches, rows, outer, inner]), [0, 2, 1, 3]), x.shape);
}
