import type * as tf from '@tensorflow/tfjs-core';
import type { LayerConfig } from '../../layer/layer-types.js';
import { maxPool2d } from '../../ops/pooling.js';
import type { PoolingConfig, PoolWindow } from './pool-config.js';
import { PoolingLayer } from './pooling-layer.js';

/** Config of {@link MaxPooling2D}. */
export interface MaxPooling2DConfig extends LayerConfig, PoolingConfig {}

/**
 * 2-D max pooling layer (Keras `MaxPooling2D`, channels-last); `strides` default to `poolSize`.
 * @throws ValidationError for bad window options; ShapeError for inputs that are not rank 4
 * @example
 * ```ts
 * new MaxPooling2D({ poolSize: 2 }).call(tf.zeros([1, 28, 28, 8])); // [1, 14, 14, 8]
 * ```
 */
export class MaxPooling2D extends PoolingLayer {
  constructor(config: MaxPooling2DConfig = {}) {
    super('MaxPooling2D', config, 2);
  }

  protected pool(x: tf.Tensor, { poolSize, strides, padding }: PoolWindow): tf.Tensor {
    return maxPool2d(x as tf.Tensor4D, {
      poolSize: poolSize as [number, number],
      strides: strides as [number, number],
      padding,
    });
  }
}
