import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateOn, useWebGPUBackend } from '../testing/use-webgpu-backend.js';

const VALUES = Array.from({ length: 15 }, (_, i) => ((i * 7) % 11) / 5 - 1);

describe('Prod on webgpu (keepDims fix)', () => {
  beforeAll(useWebGPUBackend);

  // Small inputs still on the CPU take tfjs-backend-webgpu's CPU path, which dropped the kept dimensions.
  const variants: Array<[number | number[], boolean]> = [
    [[0, 2], true],
    [1, true],
    [[0, 1, 2], true],
    [[0, 2], false],
  ];
  for (const [axes, keepDims] of variants) {
    it(`prod(x[3,1,5], ${JSON.stringify(axes)}, keepDims ${keepDims}) matches cpu in shape and values`, async () => {
      const compute = () => tf.tidy(() => tf.prod(tf.tensor3d(VALUES, [3, 1, 5]), axes, keepDims));
      const expected = await evaluateOn('cpu', compute);
      const before = tf.memory().numTensors;
      const actual = await evaluateOn('webgpu', compute);
      expect(tf.memory().numTensors).toBe(before);
      expect(actual.shape).toEqual(expected.shape);
      actual.values.forEach((v, i) => {
        expect(v).toBeCloseTo(expected.values[i]!, 6);
      });
    });
  }
});
