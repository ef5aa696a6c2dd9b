import * as tf from '@tensorflow/tfjs-core';
import type { CaseVariant, ConformanceCase } from '../conformance-types.js';
import { defineOpCase } from '../define-op-case.js';

type Pad = 'same' | 'valid' | [[number, number], [number, number], [number, number], [number, number]];

function conv2dVariant(x: number[], w: number[], strides: number, pad: Pad, dilations = 1): CaseVariant {
  const padText = typeof pad === 'string' ? pad : `pads ${JSON.stringify(pad.slice(1, 3))}`;
  return {
    label: `x ${x.join('x')}, filter ${w.join('x')}, stride ${strides}, ${padText}, dilation ${dilations}`,
    inputs: { x: { shape: x }, filter: { shape: w } },
    fn: (t) => tf.conv2d(t.x as tf.Tensor4D, t.filter as tf.Tensor4D, strides, pad, 'NHWC', dilations),
  };
}

/** conv2d (forward and both backprops), dilated conv2d, conv2dTranspose, conv1d and fused conv2d. */
export function convCases(): ConformanceCase[] {
  return [
    defineOpCase({
      name: 'conv2d',
      kernels: ['Conv2D', 'Conv2DBackpropInput', 'Conv2DBackpropFilter'],
      variants: [
        conv2dVariant([1, 5, 5, 3], [3, 3, 3, 2], 1, 'same'),
        conv2dVariant([2, 7, 6, 2], [3, 2, 2, 3], 2, 'valid'),
        conv2dVariant([1, 6, 5, 1], [2, 2, 1, 4], 2, 'same'),
        conv2dVariant([2, 4, 5, 3], [3, 3, 3, 1], 1, [
          [0, 0],
          [1, 2],
          [2, 0],
          [0, 0],
        ]),
        conv2dVariant([1, 1, 1, 5], [1, 1, 5, 3], 1, 'valid'),
      ],
    }),
    defineOpCase({
      // Its own case, so a backend without dilated convolutions can skip just this. The gradient is core's
      // (tfjs-core's rejects dilation > 1).
      name: 'conv2dDilated',
      kernels: ['Conv2D', 'Reverse', 'Transpose'],
      variants: [
        conv2dVariant([1, 7, 7, 2], [3, 3, 2, 2], 1, 'same', 2),
        conv2dVariant([2, 8, 7, 1], [2, 3, 1, 3], 1, 'valid', 2),
      ],
    }),
    defineOpCase({
      name: 'conv2dTranspose',
      kernels: ['Conv2DBackpropInput', 'Conv2D', 'Conv2DBackpropFilter'],
      variants: [
        {
          label: 'x 1x4x4x3, filter 3x3x2x3, output 1x8x8x2, stride 2, same',
          inputs: { x: { shape: [1, 4, 4, 3] }, filter: { shape: [3, 3, 2, 3] } },
          fn: (t) => tf.conv2dTranspose(t.x as tf.Tensor4D, t.filter as tf.Tensor4D, [1, 8, 8, 2], 2, 'same'),
        },
        {
          label: 'x 2x3x3x2, filter 2x2x1x2, output 2x4x4x1, stride 1, valid',
          inputs: { x: { shape: [2, 3, 3, 2] }, filter: { shape: [2, 2, 1, 2] } },
          fn: (t) =>
            tf.conv2dTranspose(t.x as tf.Tensor4D, t.filter as tf.Tensor4D, [2, 4, 4, 1], 1, 'valid'),
        },
      ],
    }),
    defineOpCase({
      name: 'conv1d',
      kernels: ['Conv2D', 'Conv2DBackpropInput', 'Conv2DBackpropFilter', 'Reshape'],
      variants: [
        {
          label: 'x 2x9x3, filter 3x3x4, stride 1, same',
          inputs: { x: { shape: [2, 9, 3] }, filter: { shape: [3, 3, 4] } },
          fn: (t) => tf.conv1d(t.x as tf.Tensor3D, t.filter as tf.Tensor3D, 1, 'same'),
        },
        {
          label: 'x 1x10x2, filter 4x2x1, stride 2, valid',
          inputs: { x: { shape: [1, 10, 2] }, filter: { shape: [4, 2, 1] } },
          fn: (t) => tf.conv1d(t.x as tf.Tensor3D, t.filter as tf.Tensor3D, 2, 'valid'),
        },
      ],
    }),
    defineOpCase({
      name: 'fusedConv2d',
      kernels: [
        'FusedConv2D',
        'Add',
        'Cast',
        'Conv2D',
        'Conv2DBackpropFilter',
        'Conv2DBackpropInput',
        'Multiply',
        'Relu',
        'Reshape',
        'Step',
        'Sum',
      ],
      variants: [
        {
          label: 'x 1x5x5x3, filter 3x3x3x2, bias 2, stride 1, same, relu',
          inputs: { x: { shape: [1, 5, 5, 3] }, filter: { shape: [3, 3, 3, 2] }, bias: { shape: [2] } },
          fn: (t) =>
            tf.fused.conv2d({
              x: t.x as tf.Tensor4D,
              filter: t.filter as tf.Tensor4D,
              strides: 1,
              pad: 'same',
              bias: t.bias,
              activation: 'relu',
            }),
        },
        {
          label: 'x 2x6x5x2, filter 2x2x2x3, bias 3, stride 2, valid, linear',
          inputs: { x: { shape: [2, 6, 5, 2] }, filter: { shape: [2, 2, 2, 3] }, bias: { shape: [3] } },
          fn: (t) =>
            tf.fused.conv2d({
              x: t.x as tf.Tensor4D,
              filter: t.filter as tf.Tensor4D,
              strides: 2,
              pad: 'valid',
              bias: t.bias,
            }),
        },
      ],
    }),
  ];
}
