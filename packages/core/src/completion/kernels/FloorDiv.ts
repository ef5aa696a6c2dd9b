import * as tf from '@tensorflow/tfjs-core';
import { compositeKernelFunc } from '../composite-kernel.js';
import type { KernelCorrection } from '../kernel-correction.js';
import { nativeUnless, runReplacedKernel } from '../replaced-kernels.js';

/**
 * Replaces wasm's `FloorDiv` so that it returns int32 for every input dtype, as the cpu, webgl and webgpu
 * backends do (tfjs's `floorDiv` has no dtype promise of its own; the reference backends define it). The
 * native quotient is floored already, so the cast is exact within the int32 range.
 *
 * @example
 * ```ts
 * import { correctKernels } from '@tessera/core';
 * correctKernels('wasm'); // [..., 'FloorDiv', ...]
 * ```
 */
export const wasmFloorDivCorrection: KernelCorrection = {
  kernelName: tf.FloorDiv,
  backendName: 'wasm',
  defect: 'tfjs-backend-wasm 4.22 returns float32 for float32 inputs; the cpu backend returns int32.',
  uses: ['Cast'],
  kernelFunc: nativeUnless(
    tf.FloorDiv,
    ({ a }) => a!.dtype !== 'int32',
    compositeKernelFunc((inputs, attrs) => tf.cast(runReplacedKernel(tf.FloorDiv, inputs, attrs), 'int32')),
  ),
};
