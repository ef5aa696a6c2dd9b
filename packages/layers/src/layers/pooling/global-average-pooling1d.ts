import type { LayerConfig } from '../../layer/layer-types.js';
import type { GlobalPoolingConfig } from './global-pooling.js';
import { GlobalPoolingLayer } from './pooling-layer.js';

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
export class GlobalAveragePooling1D extends GlobalPoolingLayer {
  constructor(config: GlobalAveragePooling1DConfig = {}) {
    super('GlobalAveragePooling1D', config, { rank: 3, mode: 'avg', masked: true });
  }
}
