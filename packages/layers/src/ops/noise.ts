import * as tf from '@tensorflow/tfjs-core';
import { ValidationError } from '@tessera/core';

/**
 * Inverted dropout: zeroes each entry with probability `rate` and scales the rest by `1 / (1 − rate)`, so
 * the expectation is unchanged. `noiseShape` (broadcast against `x`) shares one draw along axes of size 1,
 * e.g. `[batch, 1, 1, channels]` drops whole feature maps. Deterministic for a given `seed`.
 * @throws ValidationError when `rate` is not in [0, 1)
 * @see Srivastava et al., "Dropout" (2014); Tompson et al. (2015) for spatial dropout
 * @example
 * ```ts
 * const y = dropout(tf.ones([2, 8]), 0.5, 42);
 * ```
 */
export function dropout(x: tf.Tensor, rate: number, seed: number, noiseShape?: readonly number[]): tf.Tensor {
  if (typeof rate !== 'number' || !(rate >= 0 && rate < 1))
    throw ValidationError.expected('a rate in [0, 1)', rate, 'dropout(rate)');
  if (rate === 0) return tf.clone(x);
  return tf.tidy(() => {
    const draws = tf.randomUniform([...(noiseShape ?? x.shape)], 0, 1, 'float32', seed);
    const keep = tf.cast(tf.greaterEqual(draws, rate), x.dtype);
    return tf.mul(x, tf.div(keep, 1 - rate));
  });
}

/**
 * Adds zero-mean Gaussian noise of standard deviation `stddev`. Deterministic for a given `seed`.
 * @throws ValidationError when `stddev` is negative
 * @example
 * ```ts
 * const y = gaussianNoise(x, 0.1, 7);
 * ```
 */
export function gaussianNoise(x: tf.Tensor, stddev: number, seed: number): tf.Tensor {
  if (typeof stddev !== 'number' || !(stddev >= 0))
    throw ValidationError.expected('a stddev >= 0', stddev, 'gaussianNoise(stddev)');
  return tf.tidy(() => tf.add(x, tf.randomNormal(x.shape, 0, stddev, 'float32', seed)));
}
