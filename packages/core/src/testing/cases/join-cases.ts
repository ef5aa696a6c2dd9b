import * as tf from '@tensorflow/tfjs-core';
import type { ConformanceCase } from '../conformance-types.js';
import { defineOpCase } from '../define-op-case.js';

/** Joining and splitting: concat, stack, unstack, split. */
export function joinCases(): ConformanceCase[] {
  return [
    defineOpCase({
      name: 'concat',
      kernels: ['Concat', 'SplitV'],
      variants: [
        {
          label: 'a 2x3, b 1x3, c 4x3, axis 0',
          inputs: { a: { shape: [2, 3] }, b: { shape: [1, 3] }, c: { shape: [4, 3] } },
          fn: ({ a, b, c }) => tf.concat([a!, b!, c!], 0),
        },
        {
          label: 'a 2x1x3, b 2x1x1, axis -1',
          inputs: { a: { shape: [2, 1, 3] }, b: { shape: [2, 1, 1] } },
          fn: ({ a, b }) => tf.concat([a!, b!], -1),
        },
        {
          label: 'int32 a 2x2, b 2x3, axis 1',
          inputs: { a: { shape: [2, 2], dtype: 'int32' }, b: { shape: [2, 3], dtype: 'int32' } },
          fn: ({ a, b }) => tf.concat([a!, b!], 1),
        },
      ],
    }),
    defineOpCase({
      name: 'stack',
      kernels: ['Pack', 'Unpack'],
      variants: [
        {
          label: '3 of 2x3, axis 0',
          inputs: { a: { shape: [2, 3] }, b: { shape: [2, 3] }, c: { shape: [2, 3] } },
          fn: ({ a, b, c }) => tf.stack([a!, b!, c!], 0),
        },
        {
          label: '2 of 3x1, axis 1',
          inputs: { a: { shape: [3, 1] }, b: { shape: [3, 1] } },
          fn: ({ a, b }) => tf.stack([a!, b!], 1),
        },
      ],
    }),
    defineOpCase({
      name: 'unstack',
      kernels: ['Unpack', 'Pack', 'AddN', 'Cast', 'Multiply', 'Reshape', 'Sum'],
      variants: [
        { label: 'x 3x1x4, axis 0', inputs: { x: { shape: [3, 1, 4] } }, fn: ({ x }) => tf.unstack(x!, 0) },
        { label: 'x 3x1x4, axis 2', inputs: { x: { shape: [3, 1, 4] } }, fn: ({ x }) => tf.unstack(x!, 2) },
      ],
    }),
    defineOpCase({
      name: 'split',
      kernels: ['SplitV', 'Concat', 'AddN', 'Cast', 'Multiply', 'Reshape', 'Sum'],
      variants: [
        {
          label: 'x 6x4 into 3, axis 0',
          inputs: { x: { shape: [6, 4] } },
          fn: ({ x }) => tf.split(x!, 3, 0),
        },
        {
          label: 'x 2x6 sizes [1, 2, 3], axis 1',
          inputs: { x: { shape: [2, 6] } },
          fn: ({ x }) => tf.split(x!, [1, 2, 3], 1),
        },
        {
          label: 'x 3x1x5 sizes [2, -1], axis -1',
          inputs: { x: { shape: [3, 1, 5] } },
          fn: ({ x }) => tf.split(x!, [2, -1], -1),
        },
      ],
    }),
  ];
}
