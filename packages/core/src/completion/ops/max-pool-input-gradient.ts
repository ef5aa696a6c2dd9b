import * as tf from '@tensorflow/tfjs-core';

/**
 * The input gradient of `y = maxPool(x)` (NHWC), from the forward output: each output's gradient goes to the
 * first cell of its window, in row-major order, that equals the window's maximum (PyTorch's and tfjs cpu's
 * rule), and gradients of overlapping windows add up.
 *
 * How: the input is padded with NaN (never equal to anything, so padding is never chosen), one strided slice
 * per filter tap lines each window's cell up with its output, and taps are visited last to first so the
 * first match wins; one `ScatterNd` then adds every output gradient into the chosen cell.
 *
 * @param dy - the output gradient, `[batch, outHeight, outWidth, channels]`.
 * @param x - the forward input, `[batch, inHeight, inWidth, channels]`.
 * @param y - the forward output, `maxPool(x)`.
 * @param info - the forward geometry, from `tf.backend_util.computePool2DInfo`.
 * @returns `[batch, inHeight, inWidth, channels]`.
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { maxPoolInputGradient } from '@tessera/core';
 * const x = tf.randomNormal([1, 4, 4, 1]) as tf.Tensor4D;
 * const y = tf.maxPool(x, 2, 2, 'valid');
 * const info = tf.backend_util.computePool2DInfo(x.shape, 2, 2, 1, 'valid');
 * const dx = maxPoolInputGradient(tf.onesLike(y), x, y, info); // one 1 per window, at its maximum
 * ```
 */
export function maxPoolInputGradient(
  dy: tf.Tensor4D,
  x: tf.Tensor4D,
  y: tf.Tensor4D,
  info: tf.backend_util.Conv2DInfo,
): tf.Tensor4D {
  return tf.tidy(() => {
    const [n, h, w, c] = x.shape;
    const { outHeight: oh, outWidth: ow, strideHeight: sh, strideWidth: sw, padInfo } = info;
    const fh = info.effectiveFilterHeight;
    const fw = info.effectiveFilterWidth;
    const bottom = Math.max(0, (oh - 1) * sh + fh - h - padInfo.top);
    const right = Math.max(0, (ow - 1) * sw + fw - w - padInfo.left);
    const padded =
      padInfo.top + bottom + padInfo.left + right === 0
        ? x
        : tf.pad(
            x,
            [
              [0, 0],
              [padInfo.top, bottom],
              [padInfo.left, right],
              [0, 0],
            ],
            Number.NaN,
          );
    const base = tf.tensor4d(windowOrigins(x.shape, info), [n, oh, ow, c], 'int32');
    let argmax: tf.Tensor = tf.fill([n, oh, ow, c], -1, 'int32');
    for (let a = fh - 1; a >= 0; a--) {
      for (let b = fw - 1; b >= 0; b--) {
        const end = [n, a + (oh - 1) * sh + 1, b + (ow - 1) * sw + 1, c];
        const tap = tf.stridedSlice(padded, [0, a, b, 0], end, [1, sh, sw, 1]);
        argmax = tf.where(tf.equal(tap, y), tf.add(base, tf.scalar((a * w + b) * c, 'int32')), argmax);
      }
    }
    const found = tf.greaterEqual(argmax, 0);
    const indices = tf.reshape(tf.where(found, argmax, tf.zerosLike(argmax)), [-1, 1]);
    const updates = tf.reshape(tf.where(found, dy, tf.zerosLike(dy)), [-1]);
    return tf.reshape(tf.scatterND(indices, updates, [n * h * w * c]), x.shape);
  });
}

/** Flat input index of each window's top-left cell (possibly in the padding), per output element. */
function windowOrigins(shape: readonly number[], info: tf.backend_util.Conv2DInfo): Int32Array {
  const [n, h, w, c] = shape as [number, number, number, number];
  const { outHeight: oh, outWidth: ow, strideHeight: sh, strideWidth: sw, padInfo } = info;
  const out = new Int32Array(n * oh * ow * c);
  let k = 0;
  for (let b = 0; b < n; b++) {
    for (let i = 0; i < oh; i++) {
      for (let j = 0; j < ow; j++) {
        const cell = ((b * h + i * sh - padInfo.top) * w + j * sw - padInfo.left) * c;
        for (let ch = 0; ch < c; ch++) out[k++] = cell + ch;
      }
    }
  }
  return out;
}
