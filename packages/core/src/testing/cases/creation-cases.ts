import * as tf from '@tensorflow/tfjs-core';
import type { ConformanceCase } from '../conformance-types.js';
import { defineOpCase } from '../define-op-case.js';

/** Cumulative sums and tensor creation: cumsum, zerosLike, onesLike, fill, range. */
export function creationCases(): ConformanceCase[] {
  return [
    defineOpCase({
      name: 'cumsum',
      kernels: ['Cumsum'],
      variants: [
        { label: 'x 6, axis 0', inputs: { x: { shape: [6] } }, fn: ({ x }) => tf.cumsum(x!) },
        {
          label: 'x 3x4, axis 1, exclusive',
          inputs: { x: { shape: [3, 4] } },
          fn: ({ x }) => tf.cumsum(x!, 1, true),
        },
        {
          // A non-last axis: tfjs-core's own gradient transposes its result here (core corrects it).
          label: 'x 3x1x5, axis 0, reverse',
          inputs: { x: { shape: [3, 1, 5] } },
          fn: ({ x }) => tf.cumsum(x!, 0, false, true),
        },
        {
          label: 'x 4x4, axis 0, exclusive',
          inputs: { x: { shape: [4, 4] } },
          fn: ({ x }) => tf.cumsum(x!, 0, true),
        },
      ],
    }),
    defineOpCase({
      name: 'zerosLike/onesLike',
      kernels: ['ZerosLike', 'OnesLike'],
      variants: [
        {
          label: 'zerosLike float32 3x1x5',
          inputs: { x: { shape: [3, 1, 5] } },
          fn: ({ x }) => tf.zerosLike(x!),
        },
        { label: 'onesLike float32 2x3', inputs: { x: { shape: [2, 3] } }, fn: ({ x }) => tf.onesLike(x!) },
        {
          label: 'onesLike int32 4',
          inputs: { x: { shape: [4], dtype: 'int32' } },
          fn: ({ x }) => tf.onesLike(x!),
        },
      ],
    }),
    defineOpCase({
      name: 'fill',
      kernels: ['Fill'],
      variants: [
        { label: '2x3 of 1.5', inputs: {}, fn: () => tf.fill([2, 3], 1.5) },
        { label: 'int32 3x1 of 7', inputs: {}, fn: () => tf.fill([3, 1], 7, 'int32') },
      ],
    }),
    defineOpCase({
      name: 'range',
      kernels: ['Range'],
      variants: [
        { label: '0 to 7 step 2', inputs: {}, fn: () => tf.range(0, 7, 2) },
        { label: '5 to -1 step -1.5', inputs: {}, fn: () => tf.range(5, -1, -1.5) },
        { label: 'int32 -3 to 4', inputs: {}, fn: () => tf.range(-3, 4, 1, 'int32') },
      ],
    }),
  ];
}
