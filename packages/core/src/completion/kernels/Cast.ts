import * as tf from '@tensorflow/tfjs-core';
import { compositeKernelFunc } from '../composite-kernel.js';
import type { KernelCorrection } from '../kernel-correction.js';
import { nativeUnless } from '../replaced-kernels.js';

/**
 * Replaces wasm's `Cast`: casts of numbers to bool become `x ≠ 0` (NaN is true, as on the cpu backend);
 * every other cast goes to the native kernel.
 *
 * @example
 * ```ts
 * import { correctKernels } from '@tessera/core';
 * correctKernels('wasm'); // [..., 'Cast', ...]
 * ```
 */
export const wasmCastCorrection: KernelCorrection = {
  kernelName: tf.Cast,
  backendName: 'wasm',
  defect:
    'tfjs-backend-wasm 4.22 casts float32 and int32 to bool by truncating into a byte (−0.5 → false, ' +
    '2 → 2, −1 → 255) instead of testing x ≠ 0.',
  uses: ['NotEqual'],
  kernelFunc: nativeUnless(
    tf.Cast,
    ({ x }, attrs) => attrs.dtype === 'bool' && (x!.dtype === 'float32' || x!.dtype === 'int32'),
    compositeKernelFunc(({ x }) => tf.notEqual(x!, tf.scalar(0, x!.dtype))),
  ),
};
