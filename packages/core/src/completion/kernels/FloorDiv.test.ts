import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { runOn } from '../test-support/backend-comparison.js';
import { runKernel, runNative } from '../test-support/native-kernel.js';

const divisions = (kernelName: string) => () =>
  tf.tidy(() => [
    runKernel(kernelName, {
      a: tf.tensor2d([7.5, -7, 3, -0.5, 9, -9], [2, 3]),
      b: tf.tensor1d([2, 2, -1.5]),
    }),
    runKernel(kernelName, { a: tf.tensor1d([7, -7, 6], 'int32'), b: tf.tensor1d([2, 2, -4], 'int32') }),
  ]);

describe('FloorDiv correction for wasm', () => {
  it('is needed: wasm’s own FloorDiv returns float32 for float32 inputs', async () => {
    const [floats] = await runNative('wasm', tf.FloorDiv, (native) => divisions(native)());
    expect(floats!.dtype).toBe('float32');
  });

  it('returns int32 floor(a / b) as the cpu kernel does', async () => {
    const expected = await runOn('cpu', divisions(tf.FloorDiv));
    const actual = await runOn('wasm', divisions(tf.FloorDiv));
    expect(Array.from(expected[0]!.values)).toEqual([3, -4, -2, -1, 4, 6]);
    for (const [i, a] of actual.entries()) {
      expect([a.dtype, a.shape]).toEqual(['int32', expected[i]!.shape]);
      expect(Array.from(a.values)).toEqual(Array.from(expected[i]!.values));
    }
  });
});
