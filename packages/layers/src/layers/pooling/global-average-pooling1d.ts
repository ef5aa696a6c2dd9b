import type * as tf from '@tensorflow/tfjs-core';
import { requireRank, singleInput, singleMask, singleShape } from '../../layer/layer-inputs.js';
import { Layer } from '../../layer/layer.js';
import type { ForwardContext, LayerConfig, LayerInputs, Shape } from '../../layer/layer-types.js';
import { type GlobalPoolingConfig, globalPoolMasked, globalPoolShape, keepDimsOf } from './global-pooling.js';

/** Config of {@link GlobalAveragePooling1D}. */
export interface GlobalAveragePooling1DConfig extends LayerConfig, GlobalPoolingConfig {}

/**
 * Averages over steps (Keras `GlobalAveragePooling1D`): `[b, steps, c]` → `[b, c]`. With a `[b, steps]` mask (from `Embedding({ maskZero })`) only valid steps are averaged, as in Keras.
 * @throws ShapeError for inputs that are not rank 3
 * @example
 * ```ts
 * new GlobalAveragePooling1D().call(features); // [batch, channels]
 * ```
 */
export class GlobalAveragePooling1D extends Layer<tf.Tensor> {
  readonly keepDims: boolean;

  constructor(config: GlobalAveragePooling1DConfig = {}) {
    super('GlobalAveragePooling1D', config);
    this.keepDims = keepDimsOf(config, this.where('config'));
  }

  computeOutputShape(inputShape: Shape | readonly Shape[]): Shape {
    return globalPoolShape(
      singleShape(inputShape, this.where('computeOutputShape')),
      3,
      this.keepDims,
      this.where('computeOutputShape'),
    );
  }

  protected buildWeights(): void {}

  protected forward(inputs: LayerInputs, context: ForwardContext): tf.Tensor {
    const x = singleInput(inputs, this.where('call'));
    requireRank(x.shape, 3, this.where('call'));
    return globalPoolMasked(x, 'avg', this.keepDims, singleMask(context.mask));
  }

  protected override maskFor(): null {
    return null;
  }

  protected layerConfig(): Record<string, unknown> {
    return { keepDims: this.keepDims };
  }
}
