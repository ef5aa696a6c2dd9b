import * as tf from '@tensorflow/tfjs-core';
import {
  offsetDistance,
  poolGeometry,
  windowOffsets,
  windowOrigins,
  windowTapReader,
} from './pool-windows.js';

/**
 * The input gradient of `y = maxPool(x)` or `y = maxPool3d(x)` (channels last), from the forward output:
 * each output's gradient goes to the first cell of its window, in row-major order, that equals the window's
 * maximum (PyTorch's and tfjs cpu's rule), and gradients of overlapping windows add up.
 *
 * How: the input is padded with NaN (never equal to anything, so padding is never chosen), one strided slice
 * per window tap lines each window's cell up with its output, and taps are visited last to first so the
 * first match wins; one `ScatterNd` then adds every output gradient into the chosen cell.
 *
 * @param dy - the output gradient, `[batch, ...outSizes, channels]`.
 * @param x - the forward input, `[batch, ...inSizes, channels]`.
 * @param y - the forward output.
 * @param info - the forward geometry, from `tf.backend_util.computePool2DInfo` or `computePool3DInfo`.
 * @returns a tensor shaped like `x`.
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
export function maxPoolInputGradient<T extends tf.Tensor4D | tf.Tensor5D>(
  dy: tf.Tensor,
  x: T,
  y: tf.Tensor,
  info: tf.backend_util.Conv2DInfo | tf.backend_util.Conv3DInfo,
): T {
  return tf.tidy(() => {
    const g = poolGeometry(info);
    const tap = windowTapReader(x, g, Number.NaN);
    const origins = tf.tensor(windowOrigins(x.shape, g), y.shape, 'int32');
    let argmax: tf.Tensor = tf.fill(y.shape, -1, 'int32');
    for (const offset of windowOffsets(g).reverse()) {
      const cell = tf.add(origins, tf.scalar(offsetDistance(x.shape, offset), 'int32'));
      argmax = tf.where(tf.equal(tap(offset), y), cell, argmax);
    }
    const found = tf.greaterEqual(argmax, 0);
    const indices = tf.reshape(tf.where(found, argmax, tf.zerosLike(argmax)), [-1, 1]);
    const updates = tf.reshape(tf.where(found, dy, tf.zerosLike(dy)), [-1]);
    return tf.reshape(tf.scatterND(indices, updates, [x.size]), x.shape) as T;
  });
}
