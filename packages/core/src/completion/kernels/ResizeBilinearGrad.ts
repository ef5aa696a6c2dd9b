import * as tf from '@tensorflow/tfjs-core';
import { compositeKernelFunc } from '../composite-kernel.js';
import type { KernelCorrection } from '../kernel-correction.js';
import { nativeUnless, runReplacedKernel } from '../replaced-kernels.js';

/**
 * Replaces the cpu backend's `ResizeBilinearGrad`. Its values are laid out as `[batch, height, width,
 * channels]` (it indexes them with the input image's strides); only the shape it reports swaps height and
 * width, so the native result is reshaped to the image's shape.
 *
 * @example
 * ```ts
 * import { correctKernels } from '@tessera/core';
 * correctKernels('cpu'); // [..., 'ResizeBilinearGrad', ...]
 * ```
 */
export const cpuResizeBilinearGradCorrection: KernelCorrection = {
  kernelName: tf.ResizeBilinearGrad,
  backendName: 'cpu',
  defect:
    'tfjs-backend-cpu 4.22 reports the gradient’s shape as [batch, width, height, channels], so the tape ' +
    'rejects the gradient of every non-square image.',
  uses: ['Reshape'],
  kernelFunc: nativeUnless(
    tf.ResizeBilinearGrad,
    ({ images }) => images!.shape[1] !== images!.shape[2],
    compositeKernelFunc((inputs, attrs) =>
      tf.reshape(runReplacedKernel(tf.ResizeBilinearGrad, inputs, attrs), inputs.images!.shape),
    ),
  ),
};
