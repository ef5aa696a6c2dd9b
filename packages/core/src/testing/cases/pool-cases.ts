import * as tf from '@tensorflow/tfjs-core';
import type { CaseVariant, ConformanceCase } from '../conformance-types.js';
import { defineOpCase } from '../define-op-case.js';

type Pool = typeof tf.maxPool;

const POOL_SETTINGS: readonly { x: number[]; window: number; strides: number; pad: 'same' | 'valid' }[] = [
  { x: [1, 5, 5, 2], window: 2, strides: 2, pad: 'valid' },
  { x: [1, 5, 5, 2], window: 3, strides: 1, pad: 'same' },
  { x: [2, 7, 6, 3], window: 3, strides: 2, pad: 'same' },
  { x: [1, 4, 1, 1], window: 2, strides: 1, pad: 'valid' },
];

function poolVariants(pool: Pool): CaseVariant[] {
  return POOL_SETTINGS.map(({ x, window, strides, pad }) => ({
    label: `x ${x.join('x')}, window ${window}, stride ${strides}, ${pad}`,
    inputs: { x: { shape: x } },
    fn: (t) => pool(t.x as tf.Tensor4D, [window, x[2] === 1 ? 1 : window], strides, pad),
  }));
}

/** maxPool and avgPool (same/valid, strides) with their gradient kernels; bilinear and nearest resizing. */
export function poolCases(): ConformanceCase[] {
  return [
    defineOpCase({
      name: 'maxPool',
      kernels: ['MaxPool', 'MaxPoolGrad'],
      variants: poolVariants(tf.maxPool),
    }),
    defineOpCase({
      name: 'avgPool',
      kernels: ['AvgPool', 'AvgPoolGrad', 'Cast', 'Multiply'],
      variants: poolVariants(tf.avgPool),
    }),
    defineOpCase({
      name: 'resizeBilinear',
      // Reshape: core's correction of the cpu ResizeBilinearGrad; the rest: the halfPixelCenters gradient.
      kernels: [
        'ResizeBilinear',
        'ResizeBilinearGrad',
        'Reshape',
        'Transpose',
        'Concat',
        'Multiply',
        'UnsortedSegmentSum',
      ],
      variants: [
        {
          label: 'x 1x4x4x2 to 6x8',
          inputs: { x: { shape: [1, 4, 4, 2] } },
          fn: (t) => tf.image.resizeBilinear(t.x as tf.Tensor4D, [6, 8]),
        },
        {
          // A non-square image: tfjs-backend-cpu's ResizeBilinearGrad (the oracle) reports its shape as
          // [b, w, h, c] unless core corrects it.
          label: 'x 1x3x4x2 to 6x8 (non-square)',
          inputs: { x: { shape: [1, 3, 4, 2] } },
          fn: (t) => tf.image.resizeBilinear(t.x as tf.Tensor4D, [6, 8]),
        },
        {
          // The backends' ResizeBilinearGrad ignores halfPixelCenters; core's gradient does not use it then.
          label: 'x 2x4x6x1 to 3x2, halfPixelCenters',
          inputs: { x: { shape: [2, 4, 6, 1] } },
          fn: (t) => tf.image.resizeBilinear(t.x as tf.Tensor4D, [3, 2], false, true),
        },
        {
          label: 'x 2x5x5x1 to 3x7, alignCorners',
          inputs: { x: { shape: [2, 5, 5, 1] } },
          fn: (t) => tf.image.resizeBilinear(t.x as tf.Tensor4D, [3, 7], true),
        },
      ],
    }),
    defineOpCase({
      name: 'resizeNearestNeighbor',
      kernels: ['ResizeNearestNeighbor', 'ResizeNearestNeighborGrad'],
      variants: [
        {
          label: 'x 1x3x4x2 to 6x8',
          inputs: { x: { shape: [1, 3, 4, 2] } },
          fn: (t) => tf.image.resizeNearestNeighbor(t.x as tf.Tensor4D, [6, 8]),
        },
      ],
    }),
  ];
}
