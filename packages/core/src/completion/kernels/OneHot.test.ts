import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { runOn } from '../test-support/backend-comparison.js';
import { runKernel, runNative } from '../test-support/native-kernel.js';

const oneHots = (kernelName: string) => () =>
  tf.tidy(() => {
    const indices = tf.tensor2d([0, 2, -1, 3, 1, 2], [2, 3], 'int32');
    return [
      runKernel(kernelName, { indices }, { depth: 3, onValue: 0.9, offValue: 0.05, dtype: 'float32' }),
      runKernel(kernelName, { indices }, { depth: 4, onValue: 1, offValue: 0, dtype: 'float32' }),
      runKernel(kernelName, { indices }, { depth: 3, onValue: 5, offValue: -1, dtype: 'int32' }),
    ];
  });

describe('OneHot correction for wasm', () => {
  it('is needed: wasm’s own OneHot ignores onValue and offValue for float32', async () => {
    const [scaled] = await runNative('wasm', tf.OneHot, (native) => oneHots(native)());
    expect(Array.from(scaled!.values).slice(0, 3)).not.toEqual([0.9, 0.05, 0.05].map(Math.fround));
  });

  it('matches the cpu kernel, out-of-range indices giving a row of offValue', async () => {
    const expected = await runOn('cpu', oneHots(tf.OneHot));
    const actual = await runOn('wasm', oneHots(tf.OneHot));
    expect(Array.from(expected[1]!.values)).toEqual([
      1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0,
    ]);
    for (const [i, a] of actual.entries()) {
      expect([a.dtype, a.shape]).toEqual([expected[i]!.dtype, expected[i]!.shape]);
      expect(Array.from(a.values)).toEqual(Array.from(expected[i]!.values));
    }
  });
});
