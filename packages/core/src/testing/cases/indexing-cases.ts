import * as tf from '@tensorflow/tfjs-core';
import type { ConformanceCase } from '../conformance-types.js';
import { defineOpCase } from '../define-op-case.js';

/** gather (with repeated indices, so its gradient must accumulate), oneHot, cast, where, clipByValue. */
export function indexingCases(): ConformanceCase[] {
  return [
    defineOpCase({
      name: 'gather',
      kernels: ['GatherV2', 'UnsortedSegmentSum', 'Reshape', 'Transpose', 'Range', 'Multiply', 'Add'],
      variants: [
        {
          label: 'x 5x3, indices [4, 0, 2, 2], axis 0',
          inputs: { x: { shape: [5, 3] }, indices: { shape: [4], dtype: 'int32', values: [4, 0, 2, 2] } },
          fn: ({ x, indices }) => tf.gather(x!, indices!, 0),
        },
        {
          label: 'x 2x4x3, indices 2x2, axis 1',
          inputs: {
            x: { shape: [2, 4, 3] },
            indices: { shape: [2, 2], dtype: 'int32', values: [1, 3, 0, 0] },
          },
          fn: ({ x, indices }) => tf.gather(x!, indices!, 1),
        },
        {
          // batchDims 1: tfjs 4.22's wasm kernel reads the wrong rows unless core corrects it.
          label: 'x 2x4x3, indices 2x3, axis 1, batchDims 1',
          inputs: {
            x: { shape: [2, 4, 3] },
            indices: { shape: [2, 3], dtype: 'int32', values: [3, 3, 1, 0, 2, 0] },
          },
          fn: ({ x, indices }) => tf.gather(x!, indices!, 1, 1),
        },
        {
          label: 'int32 x 6, indices 3',
          inputs: {
            x: { shape: [6], dtype: 'int32' },
            indices: { shape: [3], dtype: 'int32', values: [5, 1, 5] },
          },
          fn: ({ x, indices }) => tf.gather(x!, indices!),
        },
      ],
    }),
    defineOpCase({
      name: 'oneHot',
      kernels: ['OneHot'],
      variants: [
        {
          label: 'indices 5, depth 4',
          inputs: { indices: { shape: [5], dtype: 'int32', values: [0, 3, 1, 3, 2] } },
          fn: ({ indices }) => tf.oneHot(indices!, 4),
        },
        {
          label: 'indices 2x3 (one out of range), depth 3, on 0.9, off 0.05',
          inputs: { indices: { shape: [2, 3], dtype: 'int32', values: [2, 0, 1, 1, 5, 0] } },
          fn: ({ indices }) => tf.oneHot(indices!, 3, 0.9, 0.05, 'float32'),
        },
      ],
    }),
    defineOpCase({
      name: 'cast',
      kernels: ['Cast'],
      variants: [
        {
          label: 'float32 3x1x5 to int32',
          inputs: { x: { shape: [3, 1, 5], range: [-3, 3] } },
          fn: ({ x }) => tf.cast(x!, 'int32'),
        },
        {
          label: 'int32 7 to float32',
          inputs: { x: { shape: [7], dtype: 'int32' } },
          fn: ({ x }) => tf.cast(x!, 'float32'),
        },
        {
          label: 'float32 2x3 to bool',
          inputs: { x: { shape: [2, 3], values: [0, 1, -0.5, 0, 2, 0] } },
          fn: ({ x }) => tf.cast(x!, 'bool'),
        },
        {
          label: 'int32 6 to bool',
          inputs: { x: { shape: [6], dtype: 'int32', values: [-1, 2, 0, 7, 0, 256] } },
          fn: ({ x }) => tf.cast(x!, 'bool'),
        },
        {
          label: 'bool 2x3 to float32',
          inputs: { x: { shape: [2, 3], dtype: 'bool' } },
          fn: ({ x }) => tf.cast(x!, 'float32'),
        },
      ],
    }),
    defineOpCase({
      name: 'where',
      kernels: ['Select', 'Cast', 'LogicalNot', 'Multiply'],
      variants: [
        {
          label: 'condition 2x3, a 2x3, b 2x3',
          inputs: { condition: { shape: [2, 3], dtype: 'bool' }, a: { shape: [2, 3] }, b: { shape: [2, 3] } },
          fn: ({ condition, a, b }) => tf.where(condition!, a!, b!),
        },
        {
          label: 'condition 3x1x4, a 3x1x4, b 3x1x4',
          inputs: {
            condition: { shape: [3, 1, 4], dtype: 'bool' },
            a: { shape: [3, 1, 4] },
            b: { shape: [3, 1, 4] },
          },
          fn: ({ condition, a, b }) => tf.where(condition!, a!, b!),
        },
      ],
    }),
    defineOpCase({
      // The condition is computed from the inputs: comparisons and logical ops get zero gradients, as in
      // PyTorch (tfjs-core has none for them, and the tape throws).
      name: 'whereOfComparison',
      kernels: [
        'Select',
        'Less',
        'Greater',
        'LogicalAnd',
        'LogicalNot',
        'Cast',
        'Multiply',
        'Sub',
        'Neg',
        'ZerosLike',
        'Reshape',
        'Add',
      ],
      variants: [
        {
          label: 'where(a < b && a > -0.5, a·b, a − b), a 2x3, b 2x3',
          inputs: { a: { shape: [2, 3] }, b: { shape: [2, 3] } },
          fn: ({ a, b }) =>
            tf.where(tf.logicalAnd(tf.less(a!, b!), tf.greater(a!, -0.5)), tf.mul(a!, b!), tf.sub(a!, b!)),
        },
      ],
    }),
    defineOpCase({
      name: 'clipByValue',
      kernels: ['ClipByValue', 'GreaterEqual', 'LessEqual', 'LogicalAnd', 'Select', 'ZerosLike'],
      variants: [
        {
          label: 'x 7 in [-0.5, 0.8]',
          inputs: { x: { shape: [7] } },
          fn: ({ x }) => tf.clipByValue(x!, -0.5, 0.8),
        },
        {
          label: 'x 3x1x5 in [0, 1]',
          inputs: { x: { shape: [3, 1, 5] } },
          fn: ({ x }) => tf.clipByValue(x!, 0, 1),
        },
      ],
    }),
  ];
}
