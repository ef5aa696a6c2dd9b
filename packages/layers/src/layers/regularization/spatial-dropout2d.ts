import * as tf from '@tensorflow/tfjs-core';
import { rate } from '../../layer/config-checks.js';
import { requireRank, singleInput, singleShape } from '../../layer/layer-inputs.js';
import { Layer } from '../../layer/layer.js';
import type { ForwardContext, LayerConfig, LayerInputs, Shape } from '../../layer/layer-types.js';
import { dropout } from '../../ops/noise.js';

/** Config of {@link SpatialDropout2D}. */
export interface SpatialDropout2DConfig extends LayerConfig {
  rate: number;
}

/**
 * Drops whole feature maps (Keras `SpatialDropout2D`, channels-last): one keep decision per example and
 * channel, shared over height and width, since neighbouring pixels are too correlated for per-pixel dropout
 * to regularise. Identity at inference.
 * @throws ValidationError when `rate` is not in [0, 1); ShapeError for inputs that are not rank 4
 * @see Tompson et al., "Efficient Object Localization Using Convolutional Networks" (2015)
 * @example
 * ```ts
 * new SpatialDropout2D({ rate: 0.2 }).call(featureMaps, { training: true });
 * ```
 */
export class SpatialDropout2D extends Layer<tf.Tensor> {
  readonly rate: number;

  constructor(config: SpatialDropout2DConfig) {
    super('SpatialDropout2D', config);
    this.rate = rate(config.rate, Number.NaN, this.where('rate'));
  }

  computeOutputShape(inputShape: Shape | readonly Shape[]): Shape {
    const s = singleShape(inputShape, this.where('computeOutputShape'));
    requireRank(s, 4, this.where('computeOutputShape'));
    return s;
  }

  protected buildWeights(): void {}

  protected forward(inputs: LayerInputs, context: ForwardContext): tf.Tensor {
    const x = singleInput(inputs, this.where('call'));
    requireRank(x.shape, 4, this.where('call'));
    if (!context.training || this.rate === 0) return tf.clone(x);
    return dropout(x, this.rate, context.nextSeed(), [x.shape[0]!, 1, 1, x.shape[3]!]);
  }

  protected layerConfig(): Record<string, unknown> {
    return { rate: this.rate };
  }
}
