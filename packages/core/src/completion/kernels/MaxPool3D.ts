import * as tf from '@tensorflow/tfjs-core';
import { compositeKernelFunc } from '../composite-kernel.js';
import type { KernelCorrection } from '../kernel-correction.js';
import { maxPoolByWindowTaps } from '../ops/max-pool-forward.js';

/**
 * Replaces wasm's `MaxPool3D` with {@link maxPoolByWindowTaps}.
 *
 * @example
 * ```ts
 * import { correctKernels } from '@tessera/core';
 * correctKernels('wasm'); // [..., 'MaxPool3D', ...]
 * ```
 */
export const wasmMaxPool3DCorrection: KernelCorrection = {
  kernelName: tf.MaxPool3D,
  backendName: 'wasm',
  defect:
    'tfjs-backend-wasm 4.22 starts each window maximum at the smallest positive float ' +
    '(numeric_limits<float>::min()) instead of -infinity, so a window whose values are all <= 0 outputs ' +
    '1.2e-38 instead of its maximum.',
  uses: ['PadV2', 'StridedSlice', 'Maximum'],
  kernelFunc: compositeKernelFunc(({ x }, attrs) => {
    const { filterSize, strides, pad, dimRoundingMode, dataFormat } = attrs as unknown as tf.MaxPool3DAttrs;
    const x5 = x as tf.Tensor5D;
    const info = tf.backend_util.computePool3DInfo(
      x5.shape,
      filterSize,
      strides,
      1,
      pad,
      dimRoundingMode,
      dataFormat,
    );
    return maxPoolByWindowTaps(x5, info);
  }),
};
