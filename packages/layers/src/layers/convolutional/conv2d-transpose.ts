import type * as tf from '@tensorflow/tfjs-core';
import { conv2dTranspose } from '../../ops/convolution.js';
import { ConvLayer, type ConvLayerConfig } from './conv-layer.js';

/** Config of {@link Conv2DTranspose}. */
export interface Conv2DTransposeConfig extends ConvLayerConfig {}

/**
 * Transposed 2-D convolution layer (Keras `Conv2DTranspose`, channels-last), the usual learned upsampling:
 * input `[b, h, w, in]`, kernel `[kh, kw, filters, in]`, bias `[filters]`. Output size per axis is
 * `in·stride` for `same` and `in·stride + max(k − stride, 0)` for `valid` (Keras's rule; no output padding).
 * @throws ValidationError for bad window options; ShapeError for inputs that are not rank 4
 * @see Dumoulin & Visin, "A guide to convolution arithmetic for deep learning" (2016)
 * @example
 * ```ts
 * const up = new Conv2DTranspose({ filters: 8, kernelSize: 3, strides: 2, padding: 'same' });
 * up.call(tf.zeros([1, 7, 7, 16])); // [1, 14, 14, 8]
 * ```
 */
export class Conv2DTranspose extends ConvLayer {
  constructor(config: Conv2DTransposeConfig) {
    super('Conv2DTranspose', config, 2, ['valid', 'same']);
  }

  protected override outputLength(size: number | null, axis: number): number | null {
    const { kernelSize, strides, padding, dilationRate } = this.window;
    return transposedLength(size, kernelSize[axis]!, strides[axis]!, padding, dilationRate[axis]!);
  }

  /** `[kh, kw, filters, in]`: the layout of the forward convolution this one transposes. */
  protected override kernelShape(inChannels: number): number[] {
    return [...this.window.kernelSize, this.filters, inChannels];
  }

  protected override inputChannelAxis(): number {
    return 3;
  }

  protected convolve(x: tf.Tensor, kernel: tf.Tensor, bias: tf.Tensor | null): tf.Tensor {
    const { strides, padding, dilationRate } = this.window;
    return conv2dTranspose(
      x as tf.Tensor4D,
      kernel as tf.Tensor4D,
      bias as tf.Tensor1D | null,
      { strides: strides as [number, number], padding, dilationRate: dilationRate as [number, number] },
      this.activationFn,
    );
  }
}

function transposedLength(
  n: number | null,
  window: number,
  stride: number,
  padding: string,
  dilation: number,
): number | null {
  if (n === null) return null;
  const effective = (window - 1) * dilation + 1;
  return padding === 'same' ? n * stride : n * stride + Math.max(effective - stride, 0);
}
