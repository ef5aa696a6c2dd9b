import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectClose, pseudoRandom, runOn } from '../test-support/backend-comparison.js';
import type { ConvCase as Case } from '../test-support/conv-case.js';

// Explicit paddings wider than the filter reaches: the last forward windows read only padding, so dy has
// rows and columns that map to no input cell (negative pads of the gradient convolution, i.e. crops).
const wide: tf.backend_util.ExplicitPadding = [
  [0, 0],
  [1, 3],
  [4, 0],
  [0, 0],
];
const cases: Case[] = [
  { x: [2, 7, 6, 3], filter: [3, 3, 3, 4], strides: 1, pad: 'same' },
  { x: [2, 7, 6, 3], filter: [3, 2, 3, 4], strides: 1, pad: 'same' },
  { x: [2, 7, 6, 3], filter: [2, 4, 3, 4], strides: 1, pad: 'same' },
  { x: [2, 13, 13, 32], filter: [3, 3, 32, 64], strides: 1, pad: 'valid' },
  { x: [1, 8, 9, 2], filter: [5, 5, 2, 3], strides: 1, pad: 'valid' },
  { x: [1, 6, 6, 2], filter: [3, 3, 2, 2], strides: 1, pad: 2 },
  { x: [1, 5, 6, 2], filter: [3, 2, 2, 3], strides: 1, pad: wide },
  { x: [1, 1, 1, 4], filter: [1, 1, 4, 3], strides: 1, pad: 'valid' },
  // Strided: handed back to wasm's native kernel.
  { x: [2, 7, 6, 3], filter: [3, 3, 3, 2], strides: 2, pad: 'same' },
  { x: [1, 8, 9, 2], filter: [3, 3, 2, 5], strides: [1, 2], pad: 'valid' },
];

function backpropInput(c: Case): tf.Tensor[] {
  return [
    tf.tidy(() => {
      const x = tf.tensor4d(pseudoRandom(tf.util.sizeFromShape(c.x), 1), c.x);
      const filter = tf.tensor4d(pseudoRandom(tf.util.sizeFromShape(c.filter), 2), c.filter);
      const y = tf.conv2d(x, filter, c.strides, c.pad);
      const dy = tf.tensor4d(pseudoRandom(y.size, 3), y.shape);
      const attrs = { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', inputShape: c.x };
      return tf
        .engine()
        .runKernel(tf.Conv2DBackpropInput, { dy, filter }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
    }),
  ];
}

describe('Conv2DBackpropInput on wasm (stride 1 as a forward Conv2D)', () => {
  it.each(cases)('matches the cpu kernel: x $x, filter $filter, strides $strides, pad $pad', async (c) => {
    const [expected] = await runOn('cpu', () => backpropInput(c));
    const [actual] = await runOn('wasm', () => backpropInput(c));
    expect(actual!.shape).toEqual(c.x);
    expectClose(actual!.values, expected!.values, 1e-5);
  });
});
