import * as tf from '@tensorflow/tfjs-core';

/**
 * Normalises with given statistics: `(x − mean) / sqrt(variance + epsilon) · gamma + beta`, broadcasting the
 * statistics over `x` (the inference form of batch normalisation).
 * @see Ioffe & Szegedy, "Batch Normalization" (2015)
 * @example
 * ```ts
 * normalize(x, movingMean, movingVariance, gamma, beta, 1e-3);
 * ```
 */
export function normalize(
  x: tf.Tensor,
  mean: tf.Tensor,
  variance: tf.Tensor,
  gamma: tf.Tensor | null,
  beta: tf.Tensor | null,
  epsilon: number,
): tf.Tensor {
  return tf.tidy(() => {
    let y = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, epsilon)));
    if (gamma) y = tf.mul(y, gamma);
    if (beta) y = tf.add(y, beta);
    return y;
  });
}

/**
 * Batch normalisation in training mode: normalises `x` by its own mean and biased variance over every axis
 * except `axis` (the channels), and returns those statistics (shape `[channels]`) for the moving averages.
 * @see Ioffe & Szegedy (2015)
 * @example
 * ```ts
 * const { output, mean, variance } = batchNormTraining(x, gamma, beta, -1, 1e-3);
 * ```
 */
export function batchNormTraining(
  x: tf.Tensor,
  gamma: tf.Tensor | null,
  beta: tf.Tensor | null,
  axis: number,
  epsilon: number,
): { output: tf.Tensor; mean: tf.Tensor; variance: tf.Tensor } {
  return tf.tidy(() => {
    const channelAxis = axis < 0 ? x.rank + axis : axis;
    const axes = Array.from({ length: x.rank }, (_, i) => i).filter((i) => i !== channelAxis);
    const broadcast = x.shape.map((d, i) => (i === channelAxis ? d : 1));
    const { mean, variance } = tf.moments(x, axes, true);
    const reshape = (t: tf.Tensor | null) => (t && channelAxis !== x.rank - 1 ? tf.reshape(t, broadcast) : t);
    const output = normalize(x, mean, variance, reshape(gamma), reshape(beta), epsilon);
    return {
      output,
      mean: tf.reshape(mean, [x.shape[channelAxis]!]),
      variance: tf.reshape(variance, [x.shape[channelAxis]!]),
    };
  });
}

/**
 * Layer normalisation: normalises each example over `axes` (default the last) by its mean and biased
 * variance, then scales and shifts by `gamma`, `beta` (shaped like those axes).
 * @see Ba et al., "Layer Normalization" (2016)
 * @example
 * ```ts
 * layerNormalization(x, gamma, beta, [-1], 1e-3);
 * ```
 */
export function layerNormalization(
  x: tf.Tensor,
  gamma: tf.Tensor | null,
  beta: tf.Tensor | null,
  axes: readonly number[] = [-1],
  epsilon = 1e-3,
): tf.Tensor {
  return tf.tidy(() => {
    const resolved = axes.map((a) => (a < 0 ? x.rank + a : a));
    const { mean, variance } = tf.moments(x, resolved, true);
    const paramShape = x.shape.map((d, i) => (resolved.includes(i) ? d : 1));
    const reshape = (t: tf.Tensor | null) => (t ? tf.reshape(t, paramShape) : t);
    return normalize(x, mean, variance, reshape(gamma), reshape(beta), epsilon);
  });
}
