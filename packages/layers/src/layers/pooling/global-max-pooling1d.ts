import type { LayerConfig } from '../../layer/layer-types.js';
import type { GlobalPoolingConfig } from './global-pooling.js';
import { GlobalPoolingLayer } from './pooling-layer.js';

/** Config of {@link GlobalMaxPooling1D}. */
export interface GlobalMaxPooling1DConfig extends LayerConfig, GlobalPoolingConfig {}

/**
 * Maximum over steps (Keras `GlobalMaxPooling1D`): `[b, steps, c]` → `[b, c]`.
 * @throws ShapeError for inputs that are not rank 3
 * @example
 * ```ts
 * new GlobalMaxPooling1D().call(features); // [batch, channels]
 * ```
 */
export class GlobalMaxPooling1D extends GlobalPoolingLayer {
  constructor(config: GlobalMaxPooling1DConfig = {}) {
    super('GlobalMaxPooling1D', config, { rank: 3, mode: 'max' });
  }
}
