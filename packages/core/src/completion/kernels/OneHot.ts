import * as tf from '@tensorflow/tfjs-core';
import { compositeKernelFunc } from '../composite-kernel.js';
import type { KernelCorrection } from '../kernel-correction.js';
import { nativeUnless } from '../replaced-kernels.js';

/**
 * Replaces wasm's `OneHot`: int32 outputs stay native; other dtypes are built as
 * `where(indices[..., None] == range(depth), onValue, offValue)`, so out-of-range indices give a row of
 * `offValue` as on the cpu backend.
 *
 * @example
 * ```ts
 * import { correctKernels } from '@tessera/core';
 * correctKernels('wasm'); // [..., 'OneHot', ...]
 * ```
 */
export const wasmOneHotCorrection: KernelCorrection = {
  kernelName: tf.OneHot,
  backendName: 'wasm',
  defect:
    'tfjs-backend-wasm 4.22 ignores onValue and offValue for a float32 output (it writes the int32 bit ' +
    'patterns of the values into float32 memory: 0 and NaN instead of 1 and 0).',
  uses: ['Reshape', 'Range', 'Equal', 'Fill', 'Select', 'Identity'],
  kernelFunc: nativeUnless(
    tf.OneHot,
    (_inputs, attrs) => attrs.dtype !== 'int32',
    compositeKernelFunc(({ indices }, attrs) => {
      const { depth, onValue, offValue, dtype } = attrs as unknown as tf.OneHotAttrs;
      const shape = [...indices!.shape, depth];
      const hot = tf.equal(tf.reshape(indices!, [...indices!.shape, 1]), tf.range(0, depth, 1, 'int32'));
      return tf.where(hot, tf.fill(shape, onValue, dtype), tf.fill(shape, offValue, dtype));
    }),
  ),
};
