import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectClose, pseudoRandom, runOn } from '../test-support/backend-comparison.js';
import type { ConvCase as Case } from '../test-support/conv-case.js';

const explicit: tf.backend_util.ExplicitPadding = [
  [0, 0],
  [1, 2],
  [0, 3],
  [0, 0],
];
const cases: Case[] = [
  { x: [2, 7, 6, 3], filter: [3, 2, 3, 4], strides: 1, pad: 'same' },
  { x: [2, 7, 6, 3], filter: [3, 2, 3, 4], strides: 1, pad: 'valid' },
  { x: [2, 7, 6, 3], filter: [3, 3, 3, 2], strides: 2, pad: 'same' },
  { x: [1, 8, 9, 2], filter: [3, 3, 2, 5], strides: 2, pad: 'valid' },
  { x: [2, 8, 9, 3], filter: [3, 3, 3, 5], strides: 3, pad: 'same' },
  { x: [1, 10, 11, 2], filter: [4, 2, 2, 3], strides: 3, pad: 'valid' },
  { x: [1, 5, 5, 2], filter: [2, 2, 2, 3], strides: 2, pad: explicit },
  { x: [2, 6, 7, 1], filter: [3, 3, 1, 2], strides: [1, 2], pad: explicit },
  { x: [1, 7, 7, 2], filter: [3, 3, 2, 2], strides: 2, pad: 1, dimRoundingMode: 'ceil' },
  { x: [2, 7, 6, 3], filter: [3, 2, 3, 2], strides: 2, pad: 'same', nchw: true },
  { x: [1, 1, 1, 4], filter: [1, 1, 4, 3], strides: 1, pad: 'valid' },
];

function backpropFilter(c: Case): tf.Tensor[] {
  return [
    tf.tidy(() => {
      const x = tf.tensor4d(pseudoRandom(tf.util.sizeFromShape(c.x), 1), c.x);
      const filter = tf.tensor4d(pseudoRandom(tf.util.sizeFromShape(c.filter), 2), c.filter);
      const y = tf.conv2d(x, filter, c.strides, c.pad, 'NHWC', 1, c.dimRoundingMode);
      let dy: tf.Tensor4D = tf.tensor4d(pseudoRandom(y.size, 3), y.shape);
      let input: tf.Tensor4D = x;
      if (c.nchw) {
        dy = tf.transpose(dy, [0, 3, 1, 2]);
        input = tf.transpose(x, [0, 3, 1, 2]);
      }
      const attrs = {
        strides: c.strides,
        pad: c.pad,
        dataFormat: c.nchw ? 'NCHW' : 'NHWC',
        filterShape: c.filter,
        ...(c.dimRoundingMode ? { dimRoundingMode: c.dimRoundingMode } : {}),
      } as unknown as tf.NamedAttrMap;
      return tf.engine().runKernel(tf.Conv2DBackpropFilter, { x: input, dy }, attrs) as tf.Tensor;
    }),
  ];
}

describe('Conv2DBackpropFilter completion', () => {
  it.each(cases)('matches the cpu kernel: x $x, filter $filter, strides $strides, pad $pad', async (c) => {
    const [expected] = await runOn('cpu', () => backpropFilter(c));
    const [actual] = await runOn('wasm', () => backpropFilter(c));
    expect(actual!.shape).toEqual(c.filter);
    expectClose(actual!.values, expected!.values, 1e-4);
  });

  it('is what wasm runs for the filter gradient of conv2d', async () => {
    const loss = (x: tf.Tensor, f: tf.Tensor) =>
      tf.sum(tf.square(tf.conv2d(x as tf.Tensor4D, f as tf.Tensor4D, 2, 'same')));
    const gradients = () =>
      tf.tidy(() => {
        const x = tf.tensor4d(pseudoRandom(2 * 9 * 8 * 3, 4), [2, 9, 8, 3]);
        const f = tf.tensor4d(pseudoRandom(3 * 3 * 3 * 4, 5), [3, 3, 3, 4]);
        return tf.grads(loss)([x, f]);
      });
    const expected = await runOn('cpu', gradients);
    const actual = await runOn('wasm', gradients);
    expectClose(actual[0]!.values, expected[0]!.values, 1e-4, 'dx');
    expectClose(actual[1]!.values, expected[1]!.values, 1e-4, 'dfilter');
  });
});
