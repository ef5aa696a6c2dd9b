import * as tf from '@tensorflow/tfjs-core';
import type { CaseVariant, ConformanceCase } from '../conformance-types.js';
import { defineOpCase } from '../define-op-case.js';

function depthwiseVariant(
  x: number[],
  w: number[],
  strides: number,
  pad: 'same' | 'valid',
  dilations = 1,
): CaseVariant {
  return {
    label: `x ${x.join('x')}, filter ${w.join('x')} (multiplier ${w[3]}), stride ${strides}, ${pad}, dilation ${dilations}`,
    inputs: { x: { shape: x }, filter: { shape: w } },
    fn: (t) =>
      tf.depthwiseConv2d(t.x as tf.Tensor4D, t.filter as tf.Tensor4D, strides, pad, 'NHWC', dilations),
  };
}

/** depthwiseConv2d (forward and both backprops, channel multipliers), dilated, separable and fused. */
export function depthwiseCases(): ConformanceCase[] {
  return [
    defineOpCase({
      name: 'depthwiseConv2d',
      kernels: [
        'DepthwiseConv2dNative',
        'DepthwiseConv2dNativeBackpropInput',
        'DepthwiseConv2dNativeBackpropFilter',
      ],
      variants: [
        depthwiseVariant([1, 5, 5, 3], [3, 3, 3, 1], 1, 'same'),
        depthwiseVariant([2, 6, 7, 2], [2, 2, 2, 3], 2, 'valid'),
        depthwiseVariant([1, 5, 6, 2], [3, 3, 2, 2], 2, 'same'),
        depthwiseVariant([1, 1, 1, 4], [1, 1, 4, 1], 1, 'valid'),
      ],
    }),
    defineOpCase({
      // Its own case, so a backend without dilated convolutions can skip just this. The gradient is core's
      // (tfjs-core's rejects dilation > 1).
      name: 'depthwiseConv2dDilated',
      kernels: ['DepthwiseConv2dNative', 'Reshape', 'Reverse', 'Sum', 'Transpose'],
      variants: [
        depthwiseVariant([1, 7, 7, 2], [3, 3, 2, 1], 1, 'same', 2),
        depthwiseVariant([2, 8, 7, 3], [2, 2, 3, 2], 1, 'valid', 2),
      ],
    }),
    defineOpCase({
      name: 'separableConv2d',
      kernels: [
        'DepthwiseConv2dNative',
        'Conv2D',
        'DepthwiseConv2dNativeBackpropInput',
        'DepthwiseConv2dNativeBackpropFilter',
        'Conv2DBackpropInput',
        'Conv2DBackpropFilter',
      ],
      variants: [
        {
          label: 'x 1x6x6x3, depthwise 3x3x3x2, pointwise 1x1x6x4, stride 1, same',
          inputs: {
            x: { shape: [1, 6, 6, 3] },
            depthwise: { shape: [3, 3, 3, 2] },
            pointwise: { shape: [1, 1, 6, 4] },
          },
          fn: (t) =>
            tf.separableConv2d(
              t.x as tf.Tensor4D,
              t.depthwise as tf.Tensor4D,
              t.pointwise as tf.Tensor4D,
              1,
              'same',
            ),
        },
        {
          label: 'x 2x7x5x2, depthwise 2x2x2x1, pointwise 1x1x2x3, stride 2, valid',
          inputs: {
            x: { shape: [2, 7, 5, 2] },
            depthwise: { shape: [2, 2, 2, 1] },
            pointwise: { shape: [1, 1, 2, 3] },
          },
          fn: (t) =>
            tf.separableConv2d(
              t.x as tf.Tensor4D,
              t.depthwise as tf.Tensor4D,
              t.pointwise as tf.Tensor4D,
              2,
              'valid',
            ),
        },
      ],
    }),
    defineOpCase({
      name: 'fusedDepthwiseConv2d',
      kernels: [
        'FusedDepthwiseConv2D',
        'Add',
        'Cast',
        'DepthwiseConv2dNative',
        'DepthwiseConv2dNativeBackpropFilter',
        'DepthwiseConv2dNativeBackpropInput',
        'Multiply',
        'Relu',
        'Reshape',
        'Step',
        'Sum',
      ],
      variants: [
        {
          label: 'x 1x5x5x2, filter 3x3x2x2, bias 4, stride 1, same, relu',
          inputs: { x: { shape: [1, 5, 5, 2] }, filter: { shape: [3, 3, 2, 2] }, bias: { shape: [4] } },
          fn: (t) =>
            tf.fused.depthwiseConv2d({
              x: t.x as tf.Tensor4D,
              filter: t.filter as tf.Tensor4D,
              strides: 1,
              pad: 'same',
              bias: t.bias,
              activation: 'relu',
            }),
        },
      ],
    }),
  ];
}
