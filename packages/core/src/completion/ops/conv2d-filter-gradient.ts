import * as tf from '@tensorflow/tfjs-core';
import { filterGradientPadding } from './gradient-padding.js';
import { cropAndExplicitPadding, stridedDilatedConv } from './spatial-padding.js';

/**
 * The filter gradient of `y = conv2d(x, filter)` (NHWC) as one forward convolution, for any stride,
 * dilation and padding that `info` describes.
 *
 * Why it is a convolution: `dF[a,b,c,o] = Σ_{n,i,j} x[n, i·sh + a·dh − top, j·sw + b·dw − left, c] ·
 * dy[n,i,j,o]`. Read `c` as the batch, `n` as the input channel, `(i, j)` as filter taps and `(a, b)` as
 * output positions: that is `conv2d(xᵀ, dyᵀ)` with stride `(dh, dw)` and dilation `(sh, sw)` — the forward
 * op's stride and dilation swap roles — over `xᵀ = x` transposed to `[c, h, w, n]` and `dyᵀ = dy` transposed
 * to `[i, j, n, o]`, padded by the forward's top/left and by whatever the bottom/right need to read exactly
 * `filterHeight × filterWidth` outputs.
 *
 * @param x - the forward input, `[batch, inHeight, inWidth, inChannels]`.
 * @param dy - the output gradient, `[batch, outHeight, outWidth, outChannels]`.
 * @param info - the forward geometry, from `tf.backend_util.computeConv2DInfo`.
 * @returns `[filterHeight, filterWidth, inChannels, outChannels]`.
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { conv2dFilterGradient } from '@tessera/core';
 * const x = tf.ones([1, 5, 5, 2]) as tf.Tensor4D;
 * const dy = tf.ones([1, 3, 3, 4]) as tf.Tensor4D;
 * const info = tf.backend_util.computeConv2DInfo(x.shape, [3, 3, 2, 4], 2, 1, 'same');
 * const dFilter = conv2dFilterGradient(x, dy, info); // [3, 3, 2, 4]
 * ```
 */
export function conv2dFilterGradient(
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  info: tf.backend_util.Conv2DInfo,
): tf.Tensor4D {
  return tf.tidy(() => {
    const xT = tf.transpose(x, [3, 1, 2, 0]);
    const dyT = tf.transpose(dy, [1, 2, 0, 3]);
    const { cropped, explicit } = cropAndExplicitPadding(xT, filterGradientPadding(info));
    const dF = stridedDilatedConv(
      (strides, dilations) => tf.conv2d(cropped, dyT, strides, explicit, 'NHWC', dilations),
      [info.dilationHeight, info.dilationWidth],
      [info.strideHeight, info.strideWidth],
    );
    return tf.transpose(dF, [1, 2, 0, 3]);
  });
}
