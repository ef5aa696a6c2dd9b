import * as tf from '@tensorflow/tfjs-core';
import { type Padding, samePadding } from './conv-utils.js';

/** Window, stride and padding of a 2-D pooling op (channels-last). */
export interface Pool2DOptions {
  poolSize: readonly [number, number];
  /** Defaults to `poolSize`, as in Keras. */
  strides?: readonly [number, number];
  padding?: Padding;
}

/**
 * 2-D max pooling of `x` `[batch, h, w, channels]`; `same` padding ignores the padded cells.
 * @example
 * ```ts
 * maxPool2d(tf.ones([1, 4, 4, 1]), { poolSize: [2, 2] }).shape; // [1, 2, 2, 1]
 * ```
 */
export function maxPool2d(x: tf.Tensor4D, options: Pool2DOptions): tf.Tensor4D {
  const { poolSize, strides = poolSize, padding = 'valid' } = options;
  return tf.maxPool(x, poolSize as [number, number], strides as [number, number], padding);
}

/**
 * 2-D average pooling of `x` `[batch, h, w, channels]`. With `same` padding each border window averages
 * only its valid cells (Keras and TensorFlow semantics). tfjs's `AvgPool` gradient divides border cells by
 * the full window instead, so `same` is computed here as a valid pooling of the zero-padded input divided by
 * a valid pooling of the padded ones, whose gradients are exact.
 * @example
 * ```ts
 * avgPool2d(tf.ones([1, 3, 3, 1]), { poolSize: [2, 2], padding: 'same' }); // all ones
 * ```
 */
export function avgPool2d(x: tf.Tensor4D, options: Pool2DOptions): tf.Tensor4D {
  const { poolSize, strides = poolSize, padding = 'valid' } = options;
  const window = poolSize as [number, number];
  const step = strides as [number, number];
  if (padding === 'valid') return tf.avgPool(x, window, step, 'valid');
  return tf.tidy(() => {
    const [, h, w] = x.shape;
    const pads: [number, number][] = [
      [0, 0],
      samePadding(h, window[0], step[0]),
      samePadding(w, window[1], step[1]),
      [0, 0],
    ];
    const sums = tf.avgPool(tf.pad(x, pads), window, step, 'valid');
    const counts = tf.avgPool(tf.pad(tf.ones([1, h, w, 1]), pads) as tf.Tensor4D, window, step, 'valid');
    return tf.div(sums, counts) as tf.Tensor4D;
  });
}

/** Window, stride and padding of a 1-D pooling op. */
export interface Pool1DOptions {
  poolSize: number;
  /** Defaults to `poolSize`. */
  stride?: number;
  padding?: Padding;
}

function pool1d(x: tf.Tensor3D, options: Pool1DOptions, pool2d: typeof maxPool2d): tf.Tensor3D {
  const { poolSize, stride = poolSize, padding = 'valid' } = options;
  return tf.tidy(() => {
    const y = pool2d(tf.expandDims(x, 2) as tf.Tensor4D, {
      poolSize: [poolSize, 1],
      strides: [stride, 1],
      padding,
    });
    return tf.squeeze(y, [2]) as tf.Tensor3D;
  });
}

/**
 * 1-D max pooling of `x` `[batch, steps, channels]`.
 * @example
 * ```ts
 * maxPool1d(tf.ones([1, 6, 2]), { poolSize: 2 }).shape; // [1, 3, 2]
 * ```
 */
export function maxPool1d(x: tf.Tensor3D, options: Pool1DOptions): tf.Tensor3D {
  return pool1d(x, options, maxPool2d);
}

/**
 * 1-D average pooling of `x` `[batch, steps, channels]` (`same` averages valid cells only).
 * @example
 * ```ts
 * avgPool1d(tf.ones([1, 5, 2]), { poolSize: 2, padding: 'same' }).shape; // [1, 3, 2]
 * ```
 */
export function avgPool1d(x: tf.Tensor3D, options: Pool1DOptions): tf.Tensor3D {
  return pool1d(x, options, avgPool2d);
}

/**
 * Global average or max over every axis between the batch and the channel axis (`[b, steps, c]` or
 * `[b, h, w, c]` → `[b, c]`, or keeping the reduced axes as size 1 with `keepDims`).
 * @example
 * ```ts
 * globalPool(tf.ones([2, 4, 4, 3]), 'max').shape; // [2, 3]
 * ```
 */
export function globalPool(x: tf.Tensor, kind: 'avg' | 'max', keepDims = false): tf.Tensor {
  const axes = Array.from({ length: x.rank - 2 }, (_, i) => i + 1);
  return kind === 'avg' ? tf.mean(x, axes, keepDims) : tf.max(x, axes, keepDims);
}
