import type * as tf from '@tensorflow/tfjs-core';
import type { LayerConfig } from '../../layer/layer-types.js';
import { avgPool2d } from '../../ops/pooling.js';
import type { PoolingConfig, PoolWindow } from './pool-config.js';
import { PoolingLayer } from './pooling-layer.js';

/** Config of {@link AveragePooling2D}. */
export interface AveragePooling2DConfig extends LayerConfig, PoolingConfig {}

/**
 * 2-D average pooling layer (Keras `AveragePooling2D`); with `same` padding border windows average their valid cells only (and the gradient agrees, unlike tfjs's `AvgPool`).
 * @throws ValidationError for bad window options; ShapeError for inputs that are not rank 4
 * @example
 * ```ts
 * new AveragePooling2D({ poolSize: 2 }).call(tf.zeros([1, 28, 28, 8])); // [1, 14, 14, 8]
 * ```
 */
export class AveragePooling2D extends PoolingLayer {
  constructor(config: AveragePooling2DConfig = {}) {
    super('AveragePooling2D', config, 2);
  }

  protected pool(x: tf.Tensor, { poolSize, strides, padding }: PoolWindow): tf.Tensor {
    return avgPool2d(x as tf.Tensor4D, {
      poolSize: poolSize as [number, number],
      strides: strides as [number, number],
      padding,
    });
  }
}
