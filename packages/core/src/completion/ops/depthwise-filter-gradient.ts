import * as tf from '@tensorflow/tfjs-core';
import { filterGradientPadding } from './gradient-padding.js';
import { cropAndExplicitPadding, stridedDilatedConv } from './spatial-padding.js';

/**
 * The filter gradient of `y = depthwiseConv2d(x, filter)` (NHWC, channel multiplier `m`) as one forward
 * depthwise convolution, for any stride, dilation and padding that `info` describes.
 *
 * Why: `dF[a,b,c,k] = Σ_{n,i,j} x[n, i·sh + a·dh − top, j·sw + b·dw − left, c] · dy[n,i,j,c·m+k]` sums over
 * the batch, which a depthwise convolution cannot do across channels; so every (batch, channel) pair becomes
 * its own channel of a batch-1 image (`x` to `[1, h, w, n·c]`, `dy` to a `[i, j, n·c, m]` filter), the
 * convolution runs with stride `(dh, dw)` and dilation `(sh, sw)` as in the dense case, and the batch is
 * summed out afterwards.
 *
 * @param x - the forward input, `[batch, inHeight, inWidth, inChannels]`.
 * @param dy - the output gradient, `[batch, outHeight, outWidth, inChannels · multiplier]`.
 * @param info - the forward geometry, from `tf.backend_util.computeConv2DInfo(..., depthwise = true)`.
 * @returns `[filterHeight, filterWidth, inChannels, multiplier]`.
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { depthwiseFilterGradient } from '@tessera/core';
 * const x = tf.ones([1, 6, 6, 3]) as tf.Tensor4D;
 * const dy = tf.ones([1, 6, 6, 6]) as tf.Tensor4D;
 * const info = tf.backend_util.computeConv2DInfo(x.shape, [3, 3, 3, 2], 1, 2, 'same', undefined, true);
 * const dFilter = depthwiseFilterGradient(x, dy, info); // [3, 3, 3, 2]
 * ```
 */
export function depthwiseFilterGradient(
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  info: tf.backend_util.Conv2DInfo,
): tf.Tensor4D {
  return tf.tidy(() => {
    const [n, h, w, c] = x.shape;
    const [, oh, ow] = dy.shape;
    const m = info.outChannels / info.inChannels;
    const xPerSample = tf.reshape<tf.Rank.R4>(tf.transpose(x, [1, 2, 0, 3]), [1, h, w, n * c]);
    // [n, i, j, c·m] → [i, j, n, c·m] keeps each (c, m) pair adjacent, so one reshape gives [i, j, n·c, m]
    // and no rank-5 transpose (slow on wasm) is needed.
    const dyFilter = tf.reshape<tf.Rank.R4>(tf.transpose(dy, [1, 2, 0, 3]), [oh, ow, n * c, m]);
    const { cropped, explicit } = cropAndExplicitPadding(xPerSample, filterGradientPadding(info));
    const perSample = stridedDilatedConv(
      (strides, dilations) => tf.depthwiseConv2d(cropped, dyFilter, strides, explicit, 'NHWC', dilations),
      [info.dilationHeight, info.dilationWidth],
      [info.strideHeight, info.strideWidth],
    );
    const fh = info.filterHeight;
    const fw = info.filterWidth;
    return tf.sum(tf.reshape(perSample, [fh, fw, n, c, m]), 2);
  });
}
