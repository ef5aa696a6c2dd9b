import * as tf from '@tensorflow/tfjs-core';
import type { ConformanceCase } from '../conformance-types.js';
import { defineOpCase } from '../define-op-case.js';

/** Layout ops: transpose, reshape, expandDims/squeeze, slice, stridedSlice, pad, tile. */
export function shapeCases(): ConformanceCase[] {
  return [
    defineOpCase({
      name: 'transpose',
      kernels: ['Transpose'],
      variants: [
        {
          label: 'x 2x3x4, perm [2, 0, 1]',
          inputs: { x: { shape: [2, 3, 4] } },
          fn: ({ x }) => tf.transpose(x!, [2, 0, 1]),
        },
        {
          label: 'x 3x1x5, perm [1, 0, 2]',
          inputs: { x: { shape: [3, 1, 5] } },
          fn: ({ x }) => tf.transpose(x!, [1, 0, 2]),
        },
        { label: 'x 5x4, default perm', inputs: { x: { shape: [5, 4] } }, fn: ({ x }) => tf.transpose(x!) },
        {
          label: 'int32 x 2x3x1x2, perm [3, 1, 0, 2]',
          inputs: { x: { shape: [2, 3, 1, 2], dtype: 'int32' } },
          fn: ({ x }) => tf.transpose(x!, [3, 1, 0, 2]),
        },
      ],
    }),
    defineOpCase({
      name: 'reshape',
      kernels: ['Reshape'],
      variants: [
        {
          label: 'x 2x3x4 to 6x4',
          inputs: { x: { shape: [2, 3, 4] } },
          fn: ({ x }) => tf.reshape(x!, [6, 4]),
        },
        { label: 'x 3x1x5 to 15', inputs: { x: { shape: [3, 1, 5] } }, fn: ({ x }) => tf.reshape(x!, [-1]) },
      ],
    }),
    defineOpCase({
      name: 'expandDims/squeeze',
      kernels: ['ExpandDims', 'Reshape'],
      variants: [
        {
          label: 'expandDims x 3x5, axis 1',
          inputs: { x: { shape: [3, 5] } },
          fn: ({ x }) => tf.expandDims(x!, 1),
        },
        { label: 'squeeze x 3x1x5x1', inputs: { x: { shape: [3, 1, 5, 1] } }, fn: ({ x }) => tf.squeeze(x!) },
        {
          label: 'squeeze x 3x1x5x1, axis [1]',
          inputs: { x: { shape: [3, 1, 5, 1] } },
          fn: ({ x }) => tf.squeeze(x!, [1]),
        },
      ],
    }),
    defineOpCase({
      name: 'slice',
      kernels: ['Slice', 'PadV2'],
      variants: [
        {
          label: 'x 4x5x3, begin [1, 0, 1], size [2, -1, 2]',
          inputs: { x: { shape: [4, 5, 3] } },
          fn: ({ x }) => tf.slice(x!, [1, 0, 1], [2, -1, 2]),
        },
        {
          label: 'x 3x1x5, begin [0, 0, 2], size [3, 1, 3]',
          inputs: { x: { shape: [3, 1, 5] } },
          fn: ({ x }) => tf.slice(x!, [0, 0, 2], [3, 1, 3]),
        },
      ],
    }),
    defineOpCase({
      // The gradient is core's (tfjs-core registers none).
      name: 'stridedSlice',
      kernels: ['StridedSlice', 'Reshape', 'Reverse', 'PadV2', 'Slice'],
      variants: [
        {
          label: 'x 5x6, begin [0, 1], end [5, 6], strides [2, 2]',
          inputs: { x: { shape: [5, 6] } },
          fn: ({ x }) => tf.stridedSlice(x!, [0, 1], [5, 6], [2, 2]),
        },
        {
          label: 'x 7, reversed with stride -2',
          inputs: { x: { shape: [7] } },
          fn: ({ x }) => tf.stridedSlice(x!, [-1], [-8], [-2]),
        },
        {
          label: 'x 3x1x4, beginMask, endMask, shrinkAxisMask',
          inputs: { x: { shape: [3, 1, 4] } },
          fn: ({ x }) => tf.stridedSlice(x!, [1, 0, 1], [0, 1, 3], [1, 1, 1], 0b001, 0b001, 0, 0, 0b010),
        },
        {
          // x[:, 1, ::2]: tfjs 4.22's cpu and wasm kernels read the wrong elements unless core corrects them.
          label: 'x 2x3x4, shrink axis 1, stride 2 on axis 2',
          inputs: { x: { shape: [2, 3, 4] } },
          fn: ({ x }) => tf.stridedSlice(x!, [0, 1, 0], [2, 2, 4], [1, 1, 2], 0, 0, 0, 0, 0b010),
        },
      ],
    }),
    defineOpCase({
      name: 'pad',
      kernels: ['PadV2', 'Slice'],
      variants: [
        {
          label: 'x 2x3, pads [[1, 2], [0, 1]]',
          inputs: { x: { shape: [2, 3] } },
          fn: ({ x }) =>
            tf.pad(x!, [
              [1, 2],
              [0, 1],
            ]),
        },
        {
          label: 'x 3x1x4, pads [[0, 0], [2, 1], [1, 1]], value 0.5',
          inputs: { x: { shape: [3, 1, 4] } },
          fn: ({ x }) =>
            tf.pad(
              x!,
              [
                [0, 0],
                [2, 1],
                [1, 1],
              ],
              0.5,
            ),
        },
      ],
    }),
    defineOpCase({
      name: 'tile',
      kernels: ['Tile', 'Add', 'Slice', 'ZerosLike'],
      variants: [
        { label: 'x 2x3, reps [2, 1]', inputs: { x: { shape: [2, 3] } }, fn: ({ x }) => tf.tile(x!, [2, 1]) },
        {
          label: 'x 1x3x1, reps [2, 1, 3]',
          inputs: { x: { shape: [1, 3, 1] } },
          fn: ({ x }) => tf.tile(x!, [2, 1, 3]),
        },
        { label: 'x 5, reps [3]', inputs: { x: { shape: [5] } }, fn: ({ x }) => tf.tile(x!, [3]) },
      ],
    }),
  ];
}
