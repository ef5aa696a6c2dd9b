import type * as tf from '@tensorflow/tfjs-core';
import type { LayerConfig } from '../../layer/layer-types.js';
import { maxPool1d } from '../../ops/pooling.js';
import type { PoolingConfig, PoolWindow } from './pool-config.js';
import { PoolingLayer } from './pooling-layer.js';

/** Config of {@link MaxPooling1D}. */
export interface MaxPooling1DConfig extends LayerConfig, PoolingConfig {}

/**
 * 1-D max pooling layer (Keras `MaxPooling1D`) over `[b, steps, channels]`.
 * @throws ValidationError for bad window options; ShapeError for inputs that are not rank 3
 * @example
 * ```ts
 * new MaxPooling1D({ poolSize: 2 }).call(tf.zeros([4, 10, 3])); // [4, 5, 3]
 * ```
 */
export class MaxPooling1D extends PoolingLayer {
  constructor(config: MaxPooling1DConfig = {}) {
    super('MaxPooling1D', config, 1);
  }

  protected pool(x: tf.Tensor, { poolSize, strides, padding }: PoolWindow): tf.Tensor {
    return maxPool1d(x as tf.Tensor3D, { poolSize: poolSize[0]!, stride: strides[0]!, padding });
  }
}
