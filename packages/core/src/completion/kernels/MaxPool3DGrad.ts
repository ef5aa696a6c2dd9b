import * as tf from '@tensorflow/tfjs-core';
import { compositeKernelFunc } from '../composite-kernel.js';
import type { KernelCorrection } from '../kernel-correction.js';
import { maxPoolByWindowTaps } from '../ops/max-pool-forward.js';
import { maxPoolInputGradient } from '../ops/max-pool-input-gradient.js';

const uses = [
  'PadV2',
  'StridedSlice',
  'Maximum',
  'Fill',
  'Equal',
  'Add',
  'Select',
  'Identity',
  'Cast',
  'GreaterEqual',
  'ZerosLike',
  'Reshape',
  'ScatterNd',
];

// The forward maximum is recomputed rather than taken from the `output` input, which wasm's own `MaxPool3D`
// may have computed wrongly.
const kernelFunc = compositeKernelFunc(({ dy, input }, attrs) => {
  const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as tf.MaxPool3DGradAttrs;
  const x = input as tf.Tensor5D;
  const info = tf.backend_util.computePool3DInfo(x.shape, filterSize, strides, 1, pad, dimRoundingMode);
  return maxPoolInputGradient(dy!, x, maxPoolByWindowTaps(x, info), info);
});

/**
 * Replaces wasm's `MaxPool3DGrad` with {@link maxPoolInputGradient}.
 *
 * @example
 * ```ts
 * import { correctKernels } from '@tessera/core';
 * correctKernels('wasm'); // [..., 'MaxPool3DGrad']
 * ```
 */
export const wasmMaxPool3DGradCorrection: KernelCorrection = {
  kernelName: tf.MaxPool3DGrad,
  backendName: 'wasm',
  defect:
    'tfjs-backend-wasm 4.22 starts each window maximum at the smallest positive float, so a window whose ' +
    'values are all <= 0 loses its gradient; ties go to the last maximum instead of the first.',
  uses,
  kernelFunc,
};

/**
 * Replaces the cpu backend's `MaxPool3DGrad` with {@link maxPoolInputGradient}.
 *
 * @example
 * ```ts
 * import { correctKernels } from '@tessera/core';
 * correctKernels('cpu'); // ['MaxPool3DGrad']
 * ```
 */
export const cpuMaxPool3DGradCorrection: KernelCorrection = {
  kernelName: tf.MaxPool3DGrad,
  backendName: 'cpu',
  defect:
    'tfjs-backend-cpu 4.22 records the position of each window maximum as depth·fh·fw + row·fh + col ' +
    '(fh where fw belongs), so windows whose height and width differ send gradients to the wrong cell.',
  uses,
  kernelFunc,
};
