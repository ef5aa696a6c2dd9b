import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectClose, pseudoRandom, runOn } from '../test-support/backend-comparison.js';

interface Case {
  readonly shape: number[];
  readonly ids: number[];
  readonly numSegments: number;
}

const cases: Case[] = [
  { shape: [6], ids: [0, 2, 2, 1, 0, 3], numSegments: 4 },
  { shape: [6, 3], ids: [0, 2, 2, -1, 5, 1], numSegments: 4 },
  { shape: [5, 2, 3], ids: [4, 4, 0, 1, 4], numSegments: 6 },
  { shape: [3, 4], ids: [7, 8, 9], numSegments: 2 },
];

describe('UnsortedSegmentSum completion', () => {
  it.each(cases)('matches the cpu kernel: x $shape, ids $ids, $numSegments segments', async (c) => {
    const compute = () =>
      tf.tidy(() => {
        const x = tf.tensor(pseudoRandom(tf.util.sizeFromShape(c.shape), 1), c.shape);
        return [tf.unsortedSegmentSum(x, tf.tensor1d(c.ids, 'int32'), c.numSegments)];
      });
    const [expected] = await runOn('cpu', compute);
    const [actual] = await runOn('wasm', compute);
    expect(actual!.shape).toEqual(expected!.shape);
    expectClose(actual!.values, expected!.values, 1e-6);
  });

  it('keeps an int32 input int32, with the cpu kernel’s values', async () => {
    const compute = () =>
      tf.tidy(() => [
        tf.unsortedSegmentSum(
          tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2], 'int32'),
          tf.tensor1d([1, 1, 0], 'int32'),
          2,
        ),
      ]);
    const [expected] = await runOn('cpu', compute);
    const [actual] = await runOn('wasm', compute);
    expect(actual!.dtype).toBe('int32');
    expect(Array.from(actual!.values)).toEqual(Array.from(expected!.values));
  });

  it('lets wasm train through tf.gather (an embedding lookup)', async () => {
    const gradient = () =>
      tf.tidy(() => {
        const table = tf.tensor2d(pseudoRandom(10 * 4, 2), [10, 4]);
        const ids = tf.tensor2d([1, 3, 3, 9, 0, 1], [2, 3], 'int32');
        return [tf.grad((t: tf.Tensor) => tf.sum(tf.square(tf.gather(t, ids))))(table)];
      });
    const [expected] = await runOn('cpu', gradient);
    const [actual] = await runOn('wasm', gradient);
    expectClose(actual!.values, expected!.values, 1e-6);
  });
});
