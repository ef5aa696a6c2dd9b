import * as tf from '@tensorflow/tfjs-core';
import { avgPoolGradConfig } from './AvgPool.js';
import { avgPool3DGradConfig } from './AvgPool3D.js';
import { conv2DGradConfig } from './Conv2D.js';
import { depthwiseConv2dNativeGradConfig } from './DepthwiseConv2dNative.js';

/**
 * Gradients that replace tfjs-core's where those are wrong or missing (each checked against PyTorch).
 *
 * @example
 * ```ts
 * import { gradientFixes } from '@tessera/core';
 * console.log(gradientFixes.map((g) => g.kernelName)); // ['AvgPool', 'AvgPool3D', 'Conv2D', 'DepthwiseConv2dNative']
 * ```
 */
export const gradientFixes: readonly tf.GradConfig[] = Object.freeze([
  avgPoolGradConfig,
  avgPool3DGradConfig,
  conv2DGradConfig,
  depthwiseConv2dNativeGradConfig,
]);

/**
 * Registers {@link gradientFixes} in tfjs-core's gradient registry, replacing the gradients tfjs-core
 * registered for those kernels. Call it after tfjs-core's gradients are registered; calling it again is
 * harmless.
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
  // tfjs warns about overriding only in DEBUG mode; overriding is the point here.
  for (const config of gradientFixes) tf.registerGradient(config);
}
