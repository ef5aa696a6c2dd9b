import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateOn, useWebGPUBackend } from '../testing/use-webgpu-backend.js';

const VALUES = Array.from({ length: 15 }, (_, i) => ((i * 7) % 11) / 5 - 1);

describe('Cumsum and Cumprod on webgpu (reverse-scan fix)', () => {
  beforeAll(useWebGPUBackend);

  // tfjs-backend-webgpu cached the first reverse scan's shader, length included, for every later length.
  it('gives cpu results for reverse scans of different lengths run one after another', async () => {
    const scans: Array<[string, () => tf.Tensor]> = [];
    for (const [rows, cols] of [
      [1, 15],
      [3, 5],
      [5, 3],
    ] as const) {
      for (const exclusive of [false, true]) {
        const x = () => tf.tensor2d(VALUES, [rows, cols]);
        scans.push([
          `cumprod ${rows}x${cols} exclusive ${exclusive}`,
          () => tf.tidy(() => tf.cumprod(x(), 1, exclusive, true)),
        ]);
        scans.push([
          `cumsum ${rows}x${cols} exclusive ${exclusive}`,
          () => tf.tidy(() => tf.cumsum(x(), 1, exclusive, true)),
        ]);
        scans.push([
          `cumsum ${rows}x${cols} axis 0`,
          () => tf.tidy(() => tf.cumsum(x(), 0, exclusive, true)),
        ]);
      }
    }
    const before = tf.memory().numTensors;
    for (const [label, compute] of scans) {
      const expected = await evaluateOn('cpu', compute);
      const actual = await evaluateOn('webgpu', compute);
      expect(actual.shape, label).toEqual(expected.shape);
      actual.values.forEach((v, i) => {
        expect(v, `${label}, index ${i}`).toBeCloseTo(expected.values[i]!, 5);
      });
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('leaves forward scans to the native kernel, which has them right', async () => {
    const compute = () => tf.tidy(() => tf.cumsum(tf.tensor2d(VALUES, [3, 5]), 1, true, false));
    const expected = await evaluateOn('cpu', compute);
    expect((await evaluateOn('webgpu', compute)).values.map((v) => +v.toFixed(5))).toEqual(
      expected.values.map((v) => +v.toFixed(5)),
    );
  });
});
