import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateOn, useWebGPUBackend } from '../testing/use-webgpu-backend.js';

describe('PadV2 on webgpu (rank above 4)', () => {
  beforeAll(useWebGPUBackend);

  const variants: Array<[string, number[], Array<[number, number]>]> = [
    [
      'rank 5, one axis',
      [2, 1, 3, 2, 2],
      [
        [0, 0],
        [0, 0],
        [1, 2],
        [0, 0],
        [0, 0],
      ],
    ],
    [
      'rank 6, every other axis (core’s StridedSlice gradient)',
      [2, 1, 3, 1, 2, 1],
      [
        [0, 0],
        [0, 1],
        [0, 0],
        [0, 2],
        [1, 0],
        [0, 1],
      ],
    ],
    [
      'rank 6, large enough to stay on the GPU',
      [4, 5, 6, 7, 2, 3],
      [
        [1, 0],
        [0, 0],
        [0, 1],
        [0, 0],
        [2, 2],
        [0, 0],
      ],
    ],
    [
      'rank 5, nothing to pad',
      [2, 2, 2, 2, 2],
      [
        [0, 0],
        [0, 0],
        [0, 0],
        [0, 0],
        [0, 0],
      ],
    ],
  ];
  for (const [label, shape, paddings] of variants) {
    it(`${label} matches cpu`, async () => {
      const size = shape.reduce((a, b) => a * b, 1);
      // Adding zero moves the input onto the GPU, where the defect shows.
      const compute = () =>
        tf.tidy(() =>
          tf.pad(
            tf.add(
              tf.tensor(
                Array.from({ length: size }, (_, i) => i + 1),
                shape,
              ),
              0,
            ),
            paddings,
            -1,
          ),
        );
      const expected = await evaluateOn('cpu', compute);
      const before = tf.memory().numTensors;
      const actual = await evaluateOn('webgpu', compute);
      expect(tf.memory().numTensors).toBe(before);
      expect(actual).toEqual(expected);
    });
  }
});
