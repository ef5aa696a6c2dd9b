import * as tf from '@tensorflow/tfjs-core';
import { inputGradientPadding } from './gradient-padding.js';
import { cropAndExplicitPadding, interleaveZeros } from './spatial-padding.js';

/**
 * The input gradient of `y = conv2d(x, filter)` (NHWC) as one forward convolution, for any stride,
 * dilation and padding that `info` describes: `dy` spread out by the stride, padded, and convolved with the
 * spatially flipped filter (in and out channels swapped) at the forward's dilation. tfjs's own
 * `Conv2DBackpropInput` has no dilation, which is why this exists.
 *
 * @param dy - the output gradient, `[batch, outHeight, outWidth, outChannels]`.
 * @param filter - the forward filter, `[filterHeight, filterWidth, inChannels, outChannels]`.
 * @param info - the forward geometry, from `tf.backend_util.computeConv2DInfo`.
 * @returns `[batch, inHeight, inWidth, inChannels]`.
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { conv2dInputGradient } from '@tessera/core';
 * const filter = tf.ones([3, 3, 2, 4]) as tf.Tensor4D;
 * const dy = tf.ones([1, 5, 5, 4]) as tf.Tensor4D;
 * const info = tf.backend_util.computeConv2DInfo([1, 5, 5, 2], filter.shape, 1, 2, 'same');
 * const dx = conv2dInputGradient(dy, filter, info); // [1, 5, 5, 2]
 * ```
 */
export function conv2dInputGradient(
  dy: tf.Tensor4D,
  filter: tf.Tensor4D,
  info: tf.backend_util.Conv2DInfo,
): tf.Tensor4D {
  return tf.tidy(() => {
    const spread = interleaveZeros(dy, info.strideHeight, info.strideWidth);
    const { cropped, explicit } = cropAndExplicitPadding(spread, inputGradientPadding(info));
    const flipped = tf.transpose(tf.reverse(filter, [0, 1]), [0, 1, 3, 2]);
    return tf.conv2d(cropped, flipped, 1, explicit, 'NHWC', [info.dilationHeight, info.dilationWidth]);
  });
}
