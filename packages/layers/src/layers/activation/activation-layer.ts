import type * as tf from '@tensorflow/tfjs-core';
import { type ActivationFunction, resolveActivation } from '../../activations/activation.js';
import { ValidationError } from '@tessera/core';
import { singleInput, singleShape } from '../../layer/layer-inputs.js';
import { Layer } from '../../layer/layer.js';
import type { ForwardContext, LayerConfig, LayerInputs, Shape } from '../../layer/layer-types.js';
import type { PluginSpec } from '../../layer/plugin-spec.js';

/** Config of {@link Activation}. */
export interface ActivationConfig extends LayerConfig {
  activation: PluginSpec;
}

/**
 * Applies a registered activation (Keras `Activation`): `'relu'`, `'gelu'`, `{ name: 'leakyRelu', options:
 * { negativeSlope: 0.1 } }`, `'temperedSigmoid'`, or any `activation:<name>` plugin.
 * @throws ValidationError when no activation is given; UnknownPluginError for an unknown name
 * @example
 * ```ts
 * const act = new Activation({ activation: { name: 'gelu', options: { approximate: true } } });
 * ```
 */
export class Activation extends Layer<tf.Tensor> {
  readonly activation: PluginSpec;
  readonly #fn: ActivationFunction;

  constructor(config: ActivationConfig) {
    super('Activation', config);
    if (config.activation === undefined || config.activation === null) {
      throw ValidationError.expected(
        'an activation name or { name, options }',
        config.activation,
        this.where('activation'),
      );
    }
    this.activation = config.activation;
    this.#fn = resolveActivation(config.activation, undefined, this.where('activation'))!;
    this.supportsMasking = true;
  }

  computeOutputShape(inputShape: Shape | readonly Shape[]): Shape {
    return singleShape(inputShape, this.where('computeOutputShape'));
  }

  protected buildWeights(): void {}

  protected forward(inputs: LayerInputs, _context: ForwardContext): tf.Tensor {
    return this.#fn(singleInput(inputs, this.where('call')));
  }

  protected layerConfig(): Record<string, unknown> {
    return { activation: this.activation };
  }
}
