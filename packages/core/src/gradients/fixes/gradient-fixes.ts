import * as tf from '@tensorflow/tfjs-core';
import { avgPoolGradConfig } from './AvgPool.js';
import { avgPool3DGradConfig } from './AvgPool3D.js';
import { batchMatMulGradConfig } from './BatchMatMul.js';
import { conv2DGradConfig } from './Conv2D.js';
import { cumsumGradConfig } from './Cumsum.js';
import { depthwiseConv2dNativeGradConfig } from './DepthwiseConv2dNative.js';
import { gatherV2GradConfig } from './GatherV2.js';
import { maximumGradConfig } from './Maximum.js';
import { minimumGradConfig } from './Minimum.js';
import { prodGradConfig } from './Prod.js';
import { resizeBilinearGradConfig } from './ResizeBilinear.js';
import { squaredDifferenceGradConfig } from './SquaredDifference.js';
import { stridedSliceGradConfig } from './StridedSlice.js';
import { comparisonGradConfigs } from './zero-gradients.js';
import { recordReplacedGradient } from './replaced-gradients.js';

/**
 * Gradients that replace tfjs-core's where those are wrong or missing (each checked against PyTorch).
 *
 * @example
 * ```ts
 * import { gradientFixes } from '@tessera/core';
 * console.log(gradientFixes.map((g) => g.kernelName)); // ['AvgPool', 'AvgPool3D', 'BatchMatMul', ...]
 * ```
 */
export const gradientFixes: readonly tf.GradConfig[] = Object.freeze([
  avgPoolGradConfig,
  avgPool3DGradConfig,
  batchMatMulGradConfig,
  conv2DGradConfig,
  cumsumGradConfig,
  depthwiseConv2dNativeGradConfig,
  gatherV2GradConfig,
  maximumGradConfig,
  minimumGradConfig,
  prodGradConfig,
  resizeBilinearGradConfig,
  squaredDifferenceGradConfig,
  stridedSliceGradConfig,
  ...comparisonGradConfigs,
]);

/**
 * Registers {@link gradientFixes} in tfjs-core's gradient registry, replacing the gradients tfjs-core
 * registered for those kernels (each replaced config stays available through {@link replacedGradient}).
 * Call it after tfjs-core's gradients are registered; calling it again is harmless.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { registerGradientFixes } from '@tessera/core';
 * registerGradientFixes();
 * const filter = tf.ones([3, 3, 1, 1]) as tf.Tensor4D;
 * // Throws with tfjs-core's own gradient (dilation 2):
 * const dx = tf.grad((x) => tf.sum(tf.conv2d(x as tf.Tensor4D, filter, 1, 'same', 'NHWC', 2)))(tf.ones([1, 5, 5, 1]));
 * ```
 */
export function registerGradientFixes(): void {
  for (const config of gradientFixes) {
    const previous = tf.getGradient(config.kernelName);
    if (previous === config) continue;
    recordReplacedGradient(config.kernelName, previous);
    // tfjs warns about overriding only in DEBUG mode; overriding is the point here.
    tf.registerGradient(config);
  }
}
