import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { runOn } from '../test-support/backend-comparison.js';
import { runKernel, runNative } from '../test-support/native-kernel.js';

const values = [-0.5, 2, 0, Number.NaN, 0.3, -0, 1e-30];
const casts = (kernelName: string) => () =>
  tf.tidy(() => [
    runKernel(kernelName, { x: tf.tensor1d(values) }, { dtype: 'bool' }),
    runKernel(kernelName, { x: tf.tensor1d([-1, 2, 0, 7], 'int32') }, { dtype: 'bool' }),
    runKernel(kernelName, { x: tf.tensor1d([1.7, -2.5, 3]) }, { dtype: 'int32' }),
    runKernel(kernelName, { x: tf.tensor1d([true, false], 'bool') }, { dtype: 'float32' }),
  ]);

describe('Cast correction for wasm', () => {
  it('is needed: wasm’s own Cast to bool truncates floats and wraps ints', async () => {
    const [floats, ints] = await runNative('wasm', tf.Cast, (native) => casts(native)());
    expect(Array.from(floats!.values)).not.toEqual([1, 1, 0, 1, 1, 0, 1]);
    expect(Array.from(ints!.values)).not.toEqual([1, 1, 0, 1]);
  });

  it('matches the cpu kernel for casts to bool (x ≠ 0, NaN true) and leaves other casts native', async () => {
    const expected = await runOn('cpu', casts(tf.Cast));
    const actual = await runOn('wasm', casts(tf.Cast));
    expect(Array.from(expected[0]!.values)).toEqual([1, 1, 0, 1, 1, 0, 1]);
    for (const [i, a] of actual.entries()) {
      expect([a.dtype, a.shape]).toEqual([expected[i]!.dtype, expected[i]!.shape]);
      expect(Array.from(a.values)).toEqual(Array.from(expected[i]!.values));
    }
  });
});
