import * as tf from '@tensorflow/tfjs-core';
import { poolGeometry, windowOffsets, windowTapReader } from './pool-windows.js';

/**
 * `maxPool` / `maxPool3d` (channels last) as the elementwise maximum of one strided slice per window tap,
 * over the input padded with -infinity (so padding never wins, as in every backend's forward).
 *
 * @param x - `[batch, ...inSizes, channels]`.
 * @param info - the geometry, from `tf.backend_util.computePool2DInfo` or `computePool3DInfo`.
 * @returns `[batch, ...outSizes, channels]`.
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { maxPoolByWindowTaps } from '@tessera/core';
 * const x = tf.randomNormal([1, 3, 4, 4, 2]) as tf.Tensor5D;
 * const info = tf.backend_util.computePool3DInfo(x.shape, 2, 2, 1, 'same');
 * const y = maxPoolByWindowTaps(x, info); // [1, 2, 2, 2, 2]
 * ```
 */
export function maxPoolByWindowTaps<T extends tf.Tensor4D | tf.Tensor5D>(
  x: T,
  info: tf.backend_util.Conv2DInfo | tf.backend_util.Conv3DInfo,
): T {
  return tf.tidy(() => {
    const g = poolGeometry(info);
    const tap = windowTapReader(x, g, Number.NEGATIVE_INFINITY);
    const [first, ...rest] = windowOffsets(g);
    let y = tap(first!);
    for (const offset of rest) y = tf.maximum(y, tap(offset));
    return y as T;
  });
}
