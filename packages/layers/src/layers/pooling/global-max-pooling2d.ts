import type * as tf from '@tensorflow/tfjs-core';
import { requireRank, singleInput, singleShape } from '../../layer/layer-inputs.js';
import { Layer } from '../../layer/layer.js';
import type { ForwardContext, LayerConfig, LayerInputs, Shape } from '../../layer/layer-types.js';
import { type GlobalPoolingConfig, globalPoolMasked, globalPoolShape, keepDimsOf } from './global-pooling.js';

/** Config of {@link GlobalMaxPooling2D}. */
export interface GlobalMaxPooling2DConfig extends LayerConfig, GlobalPoolingConfig {}

/**
 * Maximum over height and width (Keras `GlobalMaxPooling2D`): `[b, h, w, c]` → `[b, c]`.
 * @throws ShapeError for inputs that are not rank 4
 * @example
 * ```ts
 * new GlobalMaxPooling2D().call(features); // [batch, channels]
 * ```
 */
export class GlobalMaxPooling2D extends Layer<tf.Tensor> {
  readonly keepDims: boolean;

  constructor(config: GlobalMaxPooling2DConfig = {}) {
    super('GlobalMaxPooling2D', config);
    this.keepDims = keepDimsOf(config, this.where('config'));
  }

  computeOutputShape(inputShape: Shape | readonly Shape[]): Shape {
    return globalPoolShape(
      singleShape(inputShape, this.where('computeOutputShape')),
      4,
      this.keepDims,
      this.where('computeOutputShape'),
    );
  }

  protected buildWeights(): void {}

  protected forward(inputs: LayerInputs, _context: ForwardContext): tf.Tensor {
    const x = singleInput(inputs, this.where('call'));
    requireRank(x.shape, 4, this.where('call'));
    return globalPoolMasked(x, 'max', this.keepDims, null);
  }

  protected override maskFor(): null {
    return null;
  }

  protected layerConfig(): Record<string, unknown> {
    return { keepDims: this.keepDims };
  }
}
