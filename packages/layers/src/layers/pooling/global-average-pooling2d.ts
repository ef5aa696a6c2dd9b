import type { LayerConfig } from '../../layer/layer-types.js';
import type { GlobalPoolingConfig } from './global-pooling.js';
import { GlobalPoolingLayer } from './pooling-layer.js';

/** Config of {@link GlobalAveragePooling2D}. */
export interface GlobalAveragePooling2DConfig extends LayerConfig, GlobalPoolingConfig {}

/**
 * Averages over height and width (Keras `GlobalAveragePooling2D`): `[b, h, w, c]` → `[b, c]`.
 * @throws ShapeError for inputs that are not rank 4
 * @example
 * ```ts
 * new GlobalAveragePooling2D().call(features); // [batch, channels]
 * ```
 */
export class GlobalAveragePooling2D extends GlobalPoolingLayer {
  constructor(config: GlobalAveragePooling2DConfig = {}) {
    super('GlobalAveragePooling2D', config, { rank: 4, mode: 'avg' });
  }
}
