import * as tf from '@tensorflow/tfjs-core';
import type { ActivationFunction } from '../activations/activation.js';
import { dilateKernel, type Padding } from './conv-utils.js';

/** Stride, padding and dilation of a 2-D convolution (channels-last). */
export interface Conv2DOptions {
  strides?: readonly [number, number];
  padding?: Padding;
  dilationRate?: readonly [number, number];
}

function finish(y: tf.Tensor, bias: tf.Tensor | null, activation: ActivationFunction | null): tf.Tensor {
  const biased = bias ? tf.add(y, bias) : y;
  return activation ? activation(biased) : biased;
}

/**
 * 2-D convolution (cross-correlation) of channels-last `x` `[batch, h, w, in]` with a Keras-layout kernel
 * `[kh, kw, in, out]`, plus bias and activation. Dilation runs through a zero-dilated kernel so gradients
 * exist for every rate.
 * @see PyTorch `torch.nn.functional.conv2d` (weight `[out, in, kh, kw]`)
 * @example
 * ```ts
 * const y = conv2d(tf.ones([1, 5, 5, 1]), tf.ones([3, 3, 1, 2]), null, { padding: 'same' });
 * ```
 */
export function conv2d(
  x: tf.Tensor4D,
  kernel: tf.Tensor4D,
  bias: tf.Tensor1D | null = null,
  options: Conv2DOptions = {},
  activation: ActivationFunction | null = null,
): tf.Tensor4D {
  const { strides = [1, 1], padding = 'valid', dilationRate = [1, 1] } = options;
  return tf.tidy(() => {
    const k = dilateKernel(kernel, dilationRate);
    return finish(tf.conv2d(x, k, strides as [number, number], padding), bias, activation) as tf.Tensor4D;
  });
}

/**
 * 1-D convolution of `x` `[batch, steps, in]` with a Keras-layout kernel `[k, in, out]`; `causal` padding
 * pads `(k − 1)·dilation` steps on the left only.
 * @example
 * ```ts
 * const y = conv1d(tf.ones([1, 8, 2]), tf.ones([3, 2, 4]), null, { padding: 'causal' });
 * ```
 */
export function conv1d(
  x: tf.Tensor3D,
  kernel: tf.Tensor3D,
  bias: tf.Tensor1D | null = null,
  options: { stride?: number; padding?: Padding | 'causal'; dilationRate?: number } = {},
  activation: ActivationFunction | null = null,
): tf.Tensor3D {
  const { stride = 1, padding = 'valid', dilationRate = 1 } = options;
  return tf.tidy(() => {
    let input: tf.Tensor3D = x;
    if (padding === 'causal')
      input = tf.pad(x, [
        [0, 0],
        [(kernel.shape[0] - 1) * dilationRate, 0],
        [0, 0],
      ]);
    const y = conv2d(
      tf.expandDims(input, 1) as tf.Tensor4D,
      tf.expandDims(kernel, 0) as tf.Tensor4D,
      bias,
      {
        strides: [1, stride],
        padding: padding === 'causal' ? 'valid' : padding,
        dilationRate: [1, dilationRate],
      },
      activation,
    );
    return tf.squeeze(y, [1]) as tf.Tensor3D;
  });
}

/**
 * Transposed 2-D convolution (the gradient of `conv2d` with respect to its input) of `x` `[batch, h, w, in]`
 * with a Keras-layout kernel `[kh, kw, out, in]`. Output size per axis: `in·stride` for `same`,
 * `in·stride + max(k − stride, 0)` for `valid` (k the dilated window), as Keras computes it.
 * @see PyTorch `torch.nn.functional.conv_transpose2d` (weight `[in, out, kh, kw]`)
 * @example
 * ```ts
 * const y = conv2dTranspose(tf.ones([1, 4, 4, 3]), tf.ones([3, 3, 2, 3]), null, { strides: [2, 2], padding: 'same' });
 * ```
 */
export function conv2dTranspose(
  x: tf.Tensor4D,
  kernel: tf.Tensor4D,
  bias: tf.Tensor1D | null = null,
  options: Conv2DOptions = {},
  activation: ActivationFunction | null = null,
): tf.Tensor4D {
  const { strides = [1, 1], padding = 'valid', dilationRate = [1, 1] } = options;
  return tf.tidy(() => {
    const k = dilateKernel(kernel, dilationRate);
    const [b, h, w] = x.shape;
    const size = (n: number, window: number, s: number) =>
      padding === 'same' ? n * s : n * s + Math.max(window - s, 0);
    const outShape: [number, number, number, number] = [
      b,
      size(h, k.shape[0], strides[0]),
      size(w, k.shape[1], strides[1]),
      k.shape[2],
    ];
    const y = tf.conv2dTranspose(x, k, outShape, strides as [number, number], padding);
    return finish(y, bias, activation) as tf.Tensor4D;
  });
}

/**
 * Depthwise 2-D convolution: each input channel convolved with its own `depthMultiplier` filters. Kernel
 * layout `[kh, kw, in, depthMultiplier]`; output channel `c·depthMultiplier + m`.
 * @see PyTorch `conv2d(..., groups=in)` (weight `[in·depthMultiplier, 1, kh, kw]`)
 * @example
 * ```ts
 * const y = depthwiseConv2d(tf.ones([1, 5, 5, 2]), tf.ones([3, 3, 2, 1]), null, { padding: 'same' });
 * ```
 */
export function depthwiseConv2d(
  x: tf.Tensor4D,
  kernel: tf.Tensor4D,
  bias: tf.Tensor1D | null = null,
  options: Conv2DOptions = {},
  activation: ActivationFunction | null = null,
): tf.Tensor4D {
  const { strides = [1, 1], padding = 'valid', dilationRate = [1, 1] } = options;
  return tf.tidy(() => {
    const k = dilateKernel(kernel, dilationRate);
    return finish(
      tf.depthwiseConv2d(x, k, strides as [number, number], padding),
      bias,
      activation,
    ) as tf.Tensor4D;
  });
}

/**
 * Depthwise-separable 2-D convolution: a depthwise convolution (`[kh, kw, in, depthMultiplier]`) then a
 * pointwise `1×1` one (`[1, 1, in·depthMultiplier, out]`), bias and activation after both.
 * @see Chollet, "Xception: Deep Learning with Depthwise Separable Convolutions" (2017)
 * @example
 * ```ts
 * const y = separableConv2d(tf.ones([1, 5, 5, 2]), tf.ones([3, 3, 2, 1]), tf.ones([1, 1, 2, 4]));
 * ```
 */
export function separableConv2d(
  x: tf.Tensor4D,
  depthwiseKernel: tf.Tensor4D,
  pointwiseKernel: tf.Tensor4D,
  bias: tf.Tensor1D | null = null,
  options: Conv2DOptions = {},
  activation: ActivationFunction | null = null,
): tf.Tensor4D {
  return tf.tidy(() => {
    const depthwise = depthwiseConv2d(x, depthwiseKernel, null, options);
    return conv2d(depthwise, pointwiseKernel, bias, {}, activation);
  });
}
