import * as tf from '@tensorflow/tfjs-core';
import { inputGradientPadding } from './gradient-padding.js';
import { cropAndExplicitPadding, interleaveZeros } from './spatial-padding.js';

/**
 * The input gradient of `y = depthwiseConv2d(x, filter)` (NHWC, channel multiplier `m`) as one forward
 * depthwise convolution, for any stride, dilation and padding that `info` describes.
 *
 * Why: each of the `c·m` output channels flows back into one input channel. Convolving `dy` (spread out by
 * the stride and padded, see `inputGradientPadding`) depthwise with the flipped filter, one tap set per
 * output channel, gives each output channel's share; summing the `m` shares of a channel gives `dx`.
 *
 * @param dy - the output gradient, `[batch, outHeight, outWidth, inChannels · multiplier]`.
 * @param filter - the forward filter, `[filterHeight, filterWidth, inChannels, multiplier]`.
 * @param info - the forward geometry, from `tf.backend_util.computeConv2DInfo(..., depthwise = true)`.
 * @returns `[batch, inHeight, inWidth, inChannels]`.
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { depthwiseInputGradient } from '@tessera/core';
 * const filter = tf.ones([3, 3, 3, 2]) as tf.Tensor4D;
 * const dy = tf.ones([1, 3, 3, 6]) as tf.Tensor4D;
 * const info = tf.backend_util.computeConv2DInfo([1, 6, 6, 3], filter.shape, 2, 1, 'same', undefined, true);
 * const dx = depthwiseInputGradient(dy, filter, info); // [1, 6, 6, 3]
 * ```
 */
export function depthwiseInputGradient(
  dy: tf.Tensor4D,
  filter: tf.Tensor4D,
  info: tf.backend_util.Conv2DInfo,
): tf.Tensor4D {
  return tf.tidy(() => {
    const [fh, fw, c, m] = filter.shape;
    const spread = interleaveZeros(dy, info.strideHeight, info.strideWidth);
    const { cropped, explicit } = cropAndExplicitPadding(spread, inputGradientPadding(info));
    const flipped = tf.reverse(tf.reshape<tf.Rank.R4>(filter, [fh, fw, c * m, 1]), [0, 1]);
    const shares = tf.depthwiseConv2d(cropped, flipped, 1, explicit, 'NHWC', [
      info.dilationHeight,
      info.dilationWidth,
    ]);
    if (m === 1) return shares;
    const [n, h, w] = shares.shape;
    return tf.sum(tf.reshape(shares, [n, h, w, c, m]), 4);
  });
}
