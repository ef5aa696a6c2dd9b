import * as tf from '@tensorflow/tfjs-core';
import { ValidationError } from '@tessera/core';
import { finiteNumber } from '../../layer/config-checks.js';
import { singleInput, singleShape } from '../../layer/layer-inputs.js';
import { Layer } from '../../layer/layer.js';
import type { ForwardContext, LayerConfig, LayerInputs, Shape } from '../../layer/layer-types.js';
import { sinePositionEncoding } from '../../ops/position-encoding.js';

/** Config of {@link SinePositionEncoding}. */
export interface SinePositionEncodingConfig extends LayerConfig {
  /** Default 10000, as in the Transformer paper. */
  maxWavelength?: number;
}

/**
 * Fixed sinusoidal position encodings (keras_hub `SinePositionEncoding`): for inputs `[batch, steps,
 * features]` returns the encodings of positions `0 … steps−1` broadcast to the input's shape. No weights.
 * @throws ValidationError for a non-positive `maxWavelength`
 * @see Vaswani et al. (2017), section 3.5
 * @example
 * ```ts
 * const x = tf.add(tokens, new SinePositionEncoding().call(tokens) as tf.Tensor);
 * ```
 */
export class SinePositionEncoding extends Layer<tf.Tensor> {
  readonly maxWavelength: number;

  constructor(config: SinePositionEncodingConfig = {}) {
    super('SinePositionEncoding', config);
    this.maxWavelength = finiteNumber(config.maxWavelength, 10_000, this.where('maxWavelength'));
    if (this.maxWavelength <= 0)
      throw ValidationError.expected('maxWavelength > 0', this.maxWavelength, this.where('maxWavelength'));
    this.supportsMasking = true;
  }

  computeOutputShape(inputShape: Shape | readonly Shape[]): Shape {
    return singleShape(inputShape, this.where('computeOutputShape'));
  }

  protected buildWeights(): void {}

  protected forward(inputs: LayerInputs, _context: ForwardContext): tf.Tensor {
    const x = singleInput(inputs, this.where('call'));
    const [steps, features] = x.shape.slice(-2) as [number, number];
    return tf.broadcastTo(sinePositionEncoding(steps, features, this.maxWavelength), x.shape);
  }

  protected layerConfig(): Record<string, unknown> {
    return { maxWavelength: this.maxWavelength };
  }
}
