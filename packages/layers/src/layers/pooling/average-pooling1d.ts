import type * as tf from '@tensorflow/tfjs-core';
import type { LayerConfig } from '../../layer/layer-types.js';
import { avgPool1d } from '../../ops/pooling.js';
import type { PoolingConfig, PoolWindow } from './pool-config.js';
import { PoolingLayer } from './pooling-layer.js';

/** Config of {@link AveragePooling1D}. */
export interface AveragePooling1DConfig extends LayerConfig, PoolingConfig {}

/**
 * 1-D average pooling layer (Keras `AveragePooling1D`) over `[b, steps, channels]`; `same` averages valid cells only.
 * @throws ValidationError for bad window options; ShapeError for inputs that are not rank 3
 * @example
 * ```ts
 * new AveragePooling1D({ poolSize: 2 }).call(tf.zeros([4, 10, 3])); // [4, 5, 3]
 * ```
 */
export class AveragePooling1D extends PoolingLayer {
  constructor(config: AveragePooling1DConfig = {}) {
    super('AveragePooling1D', config, 1);
  }

  protected pool(x: tf.Tensor, { poolSize, strides, padding }: PoolWindow): tf.Tensor {
    return avgPool1d(x as tf.Tensor3D, { poolSize: poolSize[0]!, stride: strides[0]!, padding });
  }
}
