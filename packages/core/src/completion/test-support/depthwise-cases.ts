import * as tf from '@tensorflow/tfjs-core';
import { pseudoRandom } from './backend-comparison.js';

/** Test-only: shared cases for the two depthwise backprop completions. */

export interface DepthwiseCase {
  readonly x: [number, number, number, number];
  readonly filter: [number, number, number, number];
  readonly strides: number;
  readonly pad: 'same' | 'valid' | number | tf.backend_util.ExplicitPadding;
}

const explicit: tf.backend_util.ExplicitPadding = [
  [0, 0],
  [1, 2],
  [0, 3],
  [0, 0],
];

/** Strides 1–3, multipliers 1–3, 'same' / 'valid' / explicit / numeric padding, dilation 1. */
export const depthwiseCases: DepthwiseCase[] = [
  { x: [2, 7, 6, 3], filter: [3, 2, 3, 1], strides: 1, pad: 'same' },
  { x: [2, 7, 6, 3], filter: [3, 2, 3, 2], strides: 1, pad: 'valid' },
  { x: [2, 7, 6, 2], filter: [3, 3, 2, 3], strides: 2, pad: 'same' },
  { x: [1, 8, 9, 3], filter: [3, 3, 3, 1], strides: 2, pad: 'valid' },
  { x: [2, 8, 9, 3], filter: [3, 3, 3, 2], strides: 3, pad: 'same' },
  { x: [1, 10, 11, 2], filter: [4, 2, 2, 3], strides: 3, pad: 'valid' },
  { x: [1, 6, 5, 2], filter: [2, 2, 2, 3], strides: 2, pad: explicit },
  { x: [2, 5, 7, 2], filter: [3, 3, 2, 2], strides: 1, pad: 2 },
];

/** Forward inputs and an output gradient for `c`, made on the active backend. */
export function depthwiseInputs(c: DepthwiseCase) {
  const x = tf.tensor4d(pseudoRandom(tf.util.sizeFromShape(c.x), 1), c.x);
  const filter = tf.tensor4d(pseudoRandom(tf.util.sizeFromShape(c.filter), 2), c.filter);
  const y = tf.depthwiseConv2d(x, filter, c.strides, c.pad);
  const dy = tf.tensor4d(pseudoRandom(y.size, 3), y.shape);
  y.dispose();
  return { x, filter, dy };
}
