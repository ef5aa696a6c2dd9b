import * as tf from '@tensorflow/tfjs-core';
import { compositeKernelFunc } from '../composite-kernel.js';
import type { KernelCorrection } from '../kernel-correction.js';
import { maxPoolInputGradient } from '../ops/max-pool-input-gradient.js';

/**
 * Replaces wasm's `MaxPoolGrad` with {@link maxPoolInputGradient} over wasm's own (correct) `MaxPool`
 * output.
 *
 * @example
 * ```ts
 * import { correctKernels } from '@tessera/core';
 * correctKernels('wasm'); // ['MaxPoolGrad']
 * ```
 */
export const wasmMaxPoolGradCorrection: KernelCorrection = {
  kernelName: tf.MaxPoolGrad,
  backendName: 'wasm',
  defect:
    'tfjs-backend-wasm 4.22 starts each window maximum at the smallest positive float ' +
    '(numeric_limits<float>::min()) instead of -infinity, so a window whose values are all <= 0 loses its ' +
    'gradient (relu outputs, normalised activations); ties go to the last maximum instead of the first.',
  uses: [
    'PadV2',
    'Fill',
    'StridedSlice',
    'Equal',
    'Add',
    'Select',
    'Identity',
    'Cast',
    'GreaterEqual',
    'ZerosLike',
    'Reshape',
    'ScatterNd',
  ],
  kernelFunc: compositeKernelFunc(({ dy, input, output }, attrs) => {
    const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as tf.MaxPoolGradAttrs;
    const x = input as tf.Tensor4D;
    const info = tf.backend_util.computePool2DInfo(x.shape, filterSize, strides, 1, pad, dimRoundingMode);
    return maxPoolInputGradient(dy as tf.Tensor4D, x, output as tf.Tensor4D, info);
  }),
};
