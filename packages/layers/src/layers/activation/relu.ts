import * as tf from '@tensorflow/tfjs-core';
import { ValidationError } from '@tessera/core';
import { finiteNumber } from '../../layer/config-checks.js';
import { singleInput, singleShape } from '../../layer/layer-inputs.js';
import { Layer } from '../../layer/layer.js';
import type { ForwardContext, LayerConfig, LayerInputs, Shape } from '../../layer/layer-types.js';

/** Config of {@link ReLU}. */
export interface ReLUConfig extends LayerConfig {
  /** Upper bound of the output; `null` (default) for none. */
  maxValue?: number | null;
  /** Slope below zero (default 0). */
  negativeSlope?: number;
}

/**
 * Rectified linear unit layer (Keras `ReLU`): `min(max(x, negativeSlope·x), maxValue)`.
 * @throws ValidationError when `maxValue` or `negativeSlope` is negative
 * @example
 * ```ts
 * const relu6 = new ReLU({ maxValue: 6 });
 * ```
 */
export class ReLU extends Layer<tf.Tensor> {
  readonly maxValue: number | null;
  readonly negativeSlope: number;

  constructor(config: ReLUConfig = {}) {
    super('ReLU', config);
    this.maxValue = config.maxValue ?? null;
    this.negativeSlope = finiteNumber(config.negativeSlope, 0, this.where('negativeSlope'));
    if (this.negativeSlope < 0)
      throw ValidationError.expected('negativeSlope >= 0', this.negativeSlope, this.where('negativeSlope'));
    if (this.maxValue !== null && !(finiteNumber(this.maxValue, 0, this.where('maxValue')) >= 0)) {
      throw ValidationError.expected('maxValue >= 0', this.maxValue, this.where('maxValue'));
    }
    this.supportsMasking = true;
  }

  computeOutputShape(inputShape: Shape | readonly Shape[]): Shape {
    return singleShape(inputShape, this.where('computeOutputShape'));
  }

  protected buildWeights(): void {}

  protected forward(inputs: LayerInputs, _context: ForwardContext): tf.Tensor {
    const x = singleInput(inputs, this.where('call'));
    const y = this.negativeSlope === 0 ? tf.relu(x) : tf.leakyRelu(x, this.negativeSlope);
    return this.maxValue === null ? y : tf.minimum(y, this.maxValue);
  }

  protected layerConfig(): Record<string, unknown> {
    return { maxValue: this.maxValue, negativeSlope: this.negativeSlope };
  }
}
