import * as tf from '@tensorflow/tfjs-core';
import { finiteNumber } from '../../layer/config-checks.js';
import { singleInput, singleShape } from '../../layer/layer-inputs.js';
import { Layer } from '../../layer/layer.js';
import type { ForwardContext, LayerConfig, LayerInputs, Shape } from '../../layer/layer-types.js';

/** Config of {@link LeakyReLU}. */
export interface LeakyReLUConfig extends LayerConfig {
  /** Slope below zero; Keras's layer default is 0.3 (the `leakyRelu` activation's is 0.2). */
  negativeSlope?: number;
}

/**
 * Leaky ReLU layer (Keras `LeakyReLU`): `x` for `x ≥ 0`, else `negativeSlope · x`.
 * @throws ValidationError when `negativeSlope` is not finite
 * @see Maas et al., "Rectifier Nonlinearities Improve Neural Network Acoustic Models" (2013)
 * @example
 * ```ts
 * const act = new LeakyReLU({ negativeSlope: 0.1 });
 * ```
 */
export class LeakyReLU extends Layer<tf.Tensor> {
  readonly negativeSlope: number;

  constructor(config: LeakyReLUConfig = {}) {
    super('LeakyReLU', config);
    this.negativeSlope = finiteNumber(config.negativeSlope, 0.3, this.where('negativeSlope'));
    this.supportsMasking = true;
  }

  computeOutputShape(inputShape: Shape | readonly Shape[]): Shape {
    return singleShape(inputShape, this.where('computeOutputShape'));
  }

  protected buildWeights(): void {}

  protected forward(inputs: LayerInputs, _context: ForwardContext): tf.Tensor {
    return tf.leakyRelu(singleInput(inputs, this.where('call')), this.negativeSlope);
  }

  protected layerConfig(): Record<string, unknown> {
    return { negativeSlope: this.negativeSlope };
  }
}
