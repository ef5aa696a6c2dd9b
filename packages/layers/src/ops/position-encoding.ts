import * as tf from '@tensorflow/tfjs-core';

/**
 * Fixed sinusoidal position encodings `[length, features]`: feature `2i` is `sin(p / w^(2i/d))` and `2i+1`
 * is `cos(p / w^(2i/d))`, with `w = maxWavelength` (keras_hub `SinePositionEncoding`).
 * @see Vaswani et al., "Attention Is All You Need" (2017), section 3.5
 * @example
 * ```ts
 * sinePositionEncoding(50, 64).shape; // [50, 64]
 * ```
 */
export function sinePositionEncoding(
  length: number,
  features: number,
  maxWavelength = 10_000,
  start = 0,
): tf.Tensor2D {
  return tf.tidy(() => {
    const positions = tf.range(start, start + length, 1, 'float32').reshape([length, 1]);
    const index = tf.range(0, features, 1, 'float32');
    const timescales = tf.pow(1 / maxWavelength, tf.div(tf.mul(tf.floorDiv(index, 2), 2), features));
    const angles = tf.mul(positions, timescales.reshape([1, features]));
    const cosMask = tf.mod(index, 2);
    return tf.add(tf.mul(tf.sin(angles), tf.sub(1, cosMask)), tf.mul(tf.cos(angles), cosMask)) as tf.Tensor2D;
  });
}
