import * as tf from '@tensorflow/tfjs-core';
import type { ConformanceCase } from '../conformance-types.js';
import { defineOpCase } from '../define-op-case.js';

const EPSILON = 1e-3;

/** The building blocks of batch and layer normalization: moments, fused batchNorm, a layer-norm composite. */
export function normalizationCases(): ConformanceCase[] {
  return [
    defineOpCase({
      name: 'moments',
      kernels: [
        'Mean',
        'Add',
        'AddN',
        'Cast',
        'Multiply',
        'Neg',
        'RealDiv',
        'Reshape',
        'Square',
        'Sub',
        'Sum',
      ],
      variants: [
        {
          label: 'x 4x6, axis 0',
          inputs: { x: { shape: [4, 6] } },
          fn: ({ x }) => Object.values(tf.moments(x!, 0)),
        },
        {
          label: 'x 2x3x5, axes [0, 1], keepDims',
          inputs: { x: { shape: [2, 3, 5] } },
          fn: ({ x }) => Object.values(tf.moments(x!, [0, 1], true)),
        },
        {
          label: 'x 3x1x7, axis -1',
          inputs: { x: { shape: [3, 1, 7] } },
          fn: ({ x }) => Object.values(tf.moments(x!, -1)),
        },
      ],
    }),
    defineOpCase({
      name: 'batchNorm',
      kernels: ['FusedBatchNorm', 'Add', 'Multiply', 'Reshape', 'Rsqrt', 'Sub', 'Sum', 'Tile'],
      variants: [
        {
          label: 'x 2x3x4, per-channel mean, variance, offset, scale',
          inputs: {
            x: { shape: [2, 3, 4] },
            mean: { shape: [4] },
            variance: { shape: [4], range: [0.5, 2] },
            offset: { shape: [4] },
            scale: { shape: [4], range: [0.5, 1.5] },
          },
          fn: (t) => tf.batchNorm(t.x!, t.mean!, t.variance!, t.offset!, t.scale!, EPSILON),
        },
        {
          label: 'x 1x2x2x3 (NHWC), no offset or scale',
          inputs: {
            x: { shape: [1, 2, 2, 3] },
            mean: { shape: [3] },
            variance: { shape: [3], range: [0.5, 2] },
          },
          fn: (t) => tf.batchNorm(t.x!, t.mean!, t.variance!, undefined, undefined, EPSILON),
          // Not differentiable in tfjs-core 4.22, whatever the gradient: the op records the absent offset and
          // scale as undefined inputs of the tape node, and the tape reads `.id` of every input (and saving
          // the absent scale for the gradient throws already in the forward pass). Pass ones and zeros.
          gradients: false,
        },
      ],
    }),
    defineOpCase({
      name: 'layerNorm',
      kernels: [
        'Mean',
        'Rsqrt',
        'Add',
        'Cast',
        'Multiply',
        'Neg',
        'Pow',
        'RealDiv',
        'Reshape',
        'Square',
        'Sub',
        'Sum',
      ],
      variants: [3, 1].map((rows) => ({
        label: `x ${rows}x5, normalised over the last axis with gamma and beta`,
        inputs: { x: { shape: [rows, 5], range: [-3, 3] }, gamma: { shape: [5] }, beta: { shape: [5] } },
        fn: ({ x, gamma, beta }) => {
          const { mean, variance } = tf.moments(x!, -1, true);
          return tf.add(tf.mul(tf.mul(tf.sub(x!, mean), tf.rsqrt(tf.add(variance, EPSILON))), gamma!), beta!);
        },
      })),
    }),
  ];
}
