import type * as tf from '@tensorflow/tfjs-core';
import { conv1d } from '../../ops/convolution.js';
import { ConvLayer, type ConvLayerConfig } from './conv-layer.js';

/** Config of {@link Conv1D}. */
export interface Conv1DConfig extends ConvLayerConfig<'valid' | 'same' | 'causal'> {}

/**
 * 1-D convolution layer (Keras `Conv1D`): input `[b, steps, in]`, kernel `[k, in, filters]`, bias
 * `[filters]`; `causal` padding makes output step t depend on inputs ≤ t only (WaveNet).
 * @throws ValidationError for bad window options; ShapeError for inputs that are not rank 3
 * @see van den Oord et al., "WaveNet" (2016) for causal dilated convolutions
 * @example
 * ```ts
 * const conv = new Conv1D({ filters: 16, kernelSize: 3, padding: 'causal', dilationRate: 2 });
 * ```
 */
export class Conv1D extends ConvLayer<'valid' | 'same' | 'causal'> {
  constructor(config: Conv1DConfig) {
    super('Conv1D', config, 1, ['valid', 'same', 'causal']);
  }

  protected convolve(x: tf.Tensor, kernel: tf.Tensor, bias: tf.Tensor | null): tf.Tensor {
    const { strides, padding, dilationRate } = this.window;
    return conv1d(
      x as tf.Tensor3D,
      kernel as tf.Tensor3D,
      bias as tf.Tensor1D | null,
      { stride: strides[0]!, padding, dilationRate: dilationRate[0]! },
      this.activationFn,
    );
  }
}
