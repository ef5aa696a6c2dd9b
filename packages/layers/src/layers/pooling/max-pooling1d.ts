import type * as tf from '@tensorflow/tfjs-core';
import { requireRank, singleInput, singleShape } from '../../layer/layer-inputs.js';
import { Layer } from '../../layer/layer.js';
import type { ForwardContext, LayerConfig, LayerInputs, Shape } from '../../layer/layer-types.js';
import { convOutputLength } from '../../ops/conv-utils.js';
import { maxPool1d } from '../../ops/pooling.js';
import { type PoolingConfig, type PoolWindow, poolWindow } from './pool-config.js';

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
export class MaxPooling1D extends Layer<tf.Tensor> {
  readonly window: PoolWindow;

  constructor(config: MaxPooling1DConfig = {}) {
    super('MaxPooling1D', config);
    this.window = poolWindow(config, 1, this.where('config'));
  }

  computeOutputShape(inputShape: Shape | readonly Shape[]): Shape {
    const s = singleShape(inputShape, this.where('computeOutputShape'));
    requireRank(s, 3, this.where('computeOutputShape'));
    const { poolSize, strides, padding } = this.window;
    return [s[0] ?? null, convOutputLength(s[1] ?? null, poolSize[0]!, strides[0]!, padding), s[2] ?? null];
  }

  protected buildWeights(): void {}

  protected forward(inputs: LayerInputs, _context: ForwardContext): tf.Tensor {
    const x = singleInput(inputs, this.where('call'));
    requireRank(x.shape, 3, this.where('call'));
    const { poolSize, strides, padding } = this.window;
    return maxPool1d(x as tf.Tensor3D, { poolSize: poolSize[0]!, stride: strides[0]!, padding });
  }

  protected layerConfig(): Record<string, unknown> {
    return { ...this.window };
  }
}
