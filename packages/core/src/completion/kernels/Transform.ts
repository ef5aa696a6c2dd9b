import * as tf from '@tensorflow/tfjs-core';
import { compositeKernelFunc } from '../composite-kernel.js';
import type { KernelCorrection } from '../kernel-correction.js';
import { nativeUnless, runReplacedKernel } from '../replaced-kernels.js';

/**
 * Replaces the cpu backend's `Transform` (`tf.image.transform`): the native kernel transforms each image
 * on its own (it is right for a batch of one) and the results are concatenated.
 *
 * @example
 * ```ts
 * import { correctKernels } from '@tessera/core';
 * correctKernels('cpu'); // [..., 'Transform', ...]
 * ```
 */
export const cpuTransformCorrection: KernelCorrection = {
  kernelName: tf.Transform,
  backendName: 'cpu',
  defect:
    'tfjs-backend-cpu 4.22 returns from inside its loop over the batch, so only the first image is ' +
    'transformed; the others come back filled with fillValue.',
  uses: ['Slice', 'Concat'],
  kernelFunc: nativeUnless(
    tf.Transform,
    ({ image }) => (image!.shape[0] ?? 0) > 1,
    compositeKernelFunc(({ image, transforms }, attrs) => {
      const perImage = Array.from({ length: image!.shape[0]! }, (_, b) =>
        runReplacedKernel(
          tf.Transform,
          {
            image: tf.slice(image!, b, 1),
            transforms: transforms!.shape[0] === 1 ? transforms : tf.slice(transforms!, b, 1),
          },
          attrs,
        ),
      );
      return tf.concat(perImage, 0);
    }),
  ),
};
