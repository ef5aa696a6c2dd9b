import type * as tf from '@tensorflow/tfjs-core';
import { conv2d } from '../../ops/convolution.js';
import { ConvLayer, type ConvLayerConfig } from './conv-layer.js';

/** Config of {@link Conv2D}. */
export interface Conv2DConfig extends ConvLayerConfig {}

/**
 * 2-D convolution layer (Keras `Conv2D`, channels-last): input `[b, h, w, in]`, kernel
 * `[kh, kw, in, filters]` (Glorot uniform), bias `[filters]`. Strides, `valid`/`same` padding and dilation.
 * @throws ValidationError for bad window options; ShapeError for inputs that are not rank 4
 * @see https://keras.io/api/layers/convolution_layers/convolution2d/
 * @example
 * ```ts
 * const conv = new Conv2D({ filters: 32, kernelSize: 3, padding: 'same', activation: 'relu' });
 * conv.call(tf.zeros([8, 28, 28, 1])); // [8, 28, 28, 32]
 * ```
 */
export class Conv2D extends ConvLayer {
  constructor(config: Conv2DConfig) {
    super('Conv2D', config, 2, ['valid', 'same']);
  }

  protected convolve(x: tf.Tensor, kernel: tf.Tensor, bias: tf.Tensor | null): tf.Tensor {
    const { strides, padding, dilationRate } = this.window;
    return conv2d(
      x as tf.Tensor4D,
      kernel as tf.Tensor4D,
      bias as tf.Tensor1D | null,
      { strides: strides as [number, number], padding, dilationRate: dilationRate as [number, number] },
      this.activationFn,
    );
  }
}
