import * as tf from '@tensorflow/tfjs-core';
import { compositeKernelFunc } from '../composite-kernel.js';
import type { KernelCorrection } from '../kernel-correction.js';
import { nativeUnless, runReplacedKernel } from '../replaced-kernels.js';

const batchOf = (shape: readonly number[]) => shape.slice(0, -2);

// The native kernels flatten each operand's batch dims and broadcast only a flattened batch of 1, which is
// right when one side has a single batch or both have the same batch shape; otherwise both operands are
// first broadcast to the output's batch shape.
const isTwoSided = (a: readonly number[], b: readonly number[]) =>
  tf.util.sizeFromShape(batchOf(a)) !== 1 &&
  tf.util.sizeFromShape(batchOf(b)) !== 1 &&
  batchOf(a).join() !== batchOf(b).join();

const kernelFunc = nativeUnless(
  tf.BatchMatMul,
  ({ a, b }) => isTwoSided(a!.shape, b!.shape),
  compositeKernelFunc(({ a, b }, attrs) => {
    const batch = tf.broadcast_util.assertAndGetBroadcastShape(batchOf(a!.shape), batchOf(b!.shape));
    const widen = (t: tf.Tensor) => tf.broadcastTo(t, [...batch, ...t.shape.slice(-2)]);
    return runReplacedKernel(tf.BatchMatMul, { a: widen(a!), b: widen(b!) }, attrs);
  }),
);

const defect = (backend: string) =>
  `tfjs-backend-${backend} 4.22 broadcasts batch dims only when one operand's batch has a single element or ` +
  'both batches are equal; for [2, 1, m, k] × [3, k, n] it returns a [2, 3, m, n] tensor holding only ' +
  'half the values.';

/**
 * Replaces the cpu backend's `BatchMatMul` so that batch dims broadcast on both sides.
 *
 * @example
 * ```ts
 * import { correctKernels } from '@tessera/core';
 * correctKernels('cpu'); // [..., 'BatchMatMul', ...]
 * ```
 */
export const cpuBatchMatMulCorrection: KernelCorrection = {
  kernelName: tf.BatchMatMul,
  backendName: 'cpu',
  defect: defect('cpu'),
  uses: ['Reshape', 'Tile', 'Identity'],
  kernelFunc,
};

/**
 * Replaces wasm's `BatchMatMul`, which has the same defect as the cpu backend's.
 *
 * @example
 * ```ts
 * import { correctKernels } from '@tessera/core';
 * correctKernels('wasm'); // [..., 'BatchMatMul', ...]
 * ```
 */
export const wasmBatchMatMulCorrection: KernelCorrection = {
  kernelName: tf.BatchMatMul,
  backendName: 'wasm',
  defect: defect('wasm'),
  uses: ['Reshape', 'Tile', 'Identity'],
  kernelFunc,
};
