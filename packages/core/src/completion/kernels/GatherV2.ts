import * as tf from '@tensorflow/tfjs-core';
import { compositeKernelFunc } from '../composite-kernel.js';
import type { KernelCorrection } from '../kernel-correction.js';
import { nativeUnless, runReplacedKernel } from '../replaced-kernels.js';

const product = (dims: readonly number[]) => dims.reduce((p, d) => p * d, 1);

/**
 * Replaces wasm's `GatherV2`. Gathers with `batchDims > 0` become one gather without batch dims: the
 * gathered axis is moved in front of the non-batch outer axes and merged with the batch axes, and each
 * batch's indices are offset by `batch · x.shape[axis]`. Gathers without batch dims stay native.
 *
 * @example
 * ```ts
 * import { correctKernels } from '@tessera/core';
 * correctKernels('wasm'); // [..., 'GatherV2', ...]
 * ```
 */
export const wasmGatherV2Correction: KernelCorrection = {
  kernelName: tf.GatherV2,
  backendName: 'wasm',
  defect:
    'tfjs-backend-wasm 4.22 reads the wrong rows when batchDims > 0 (the cpu backend and PyTorch agree).',
  uses: ['Reshape', 'Transpose', 'Range', 'Multiply', 'Add'],
  kernelFunc: nativeUnless(
    tf.GatherV2,
    (_inputs, attrs) => Boolean(attrs.batchDims),
    compositeKernelFunc(({ x, indices }, attrs) => {
      const { axis, batchDims } = attrs as unknown as tf.GatherV2Attrs;
      const b = batchDims < 0 ? batchDims + indices!.rank : batchDims;
      const [gatherAxis] = tf.util.parseAxisParam(axis, x!.shape) as [number];
      const batchShape = x!.shape.slice(0, b);
      const batches = product(batchShape);
      const outerShape = x!.shape.slice(b, gatherAxis);
      const outer = product(outerShape);
      const rows = x!.shape[gatherAxis]!;
      const innerShape = x!.shape.slice(gatherAxis + 1);
      const inner = product(innerShape);
      const perBatchShape = indices!.shape.slice(b);
      const perBatch = product(perBatchShape);
      // [B, P, N, I] → [B·N, P, I]: row r of batch k is row k·N + r.
      const table = tf.reshape(tf.transpose(tf.reshape(x!, [batches, outer, rows, inner]), [0, 2, 1, 3]), [
        batches * rows,
        outer,
        inner,
      ]);
      const offsets = tf.reshape(tf.mul(tf.range(0, batches, 1, 'int32'), tf.scalar(rows, 'int32')), [
        batches,
        1,
      ]);
      const flatIndices = tf.reshape(tf.add(tf.reshape(indices!, [batches, perBatch]), offsets), [-1]);
      const gathered = runReplacedKernel(
        tf.GatherV2,
        { x: table, indices: flatIndices },
        { axis: 0, batchDims: 0 },
      );
      const y = tf.transpose(tf.reshape(gathered, [batches, perBatch, outer, inner]), [0, 2, 1, 3]);
      return tf.reshape(y, [...batchShape, ...outerShape, ...perBatchShape, ...innerShape]);
    }),
  ),
};
