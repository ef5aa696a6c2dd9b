import type * as tf from '@tensorflow/tfjs-core';
import { requireRank, singleInput, singleShape } from '../../layer/layer-inputs.js';
import { Layer } from '../../layer/layer.js';
import type { ForwardContext, LayerConfig, LayerInputs, Shape } from '../../layer/layer-types.js';
import { convOutputLength } from '../../ops/conv-utils.js';
import { maxPool2d } from '../../ops/pooling.js';
import { type PoolingConfig, type PoolWindow, poolWindow } from './pool-config.js';

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
export class MaxPooling2D extends Layer<tf.Tensor> {
  readonly window: PoolWindow;

  constructor(config: MaxPooling2DConfig = {}) {
    super('MaxPooling2D', config);
    this.window = poolWindow(config, 2, this.where('config'));
  }

  computeOutputShape(inputShape: Shape | readonly Shape[]): Shape {
    const s = singleShape(inputShape, this.where('computeOutputShape'));
    requireRank(s, 4, this.where('computeOutputShape'));
    const { poolSize, strides, padding } = this.window;
    return [
      s[0] ?? null,
      convOutputLength(s[1] ?? null, poolSize[0]!, strides[0]!, padding),
      convOutputLength(s[2] ?? null, poolSize[1]!, strides[1]!, padding),
      s[3] ?? null,
    ];
  }

  protected buildWeights(): void {}

  protected forward(inputs: LayerInputs, _context: ForwardContext): tf.Tensor {
    const x = singleInput(inputs, this.where('call'));
    requireRank(x.shape, 4, this.where('call'));
    const { poolSize, strides, padding } = this.window;
    return maxPool2d(x as tf.Tensor4D, {
      poolSize: poolSize as [number, number],
      strides: strides as [number, number],
      padding,
    });
  }

  protected layerConfig(): Record<string, unknown> {
    return { ...this.window };
  }
}
