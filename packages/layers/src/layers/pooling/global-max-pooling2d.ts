import type { LayerConfig } from '../../layer/layer-types.js';
import type { GlobalPoolingConfig } from './global-pooling.js';
import { GlobalPoolingLayer } from './pooling-layer.js';

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
export class GlobalMaxPooling2D extends GlobalPoolingLayer {
  constructor(config: GlobalMaxPooling2DConfig = {}) {
    super('GlobalMaxPooling2D', config, { rank: 4, mode: 'max' });
  }
}
