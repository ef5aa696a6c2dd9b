import type * as tf from '@tensorflow/tfjs-core';
import { type ActivationFunction, resolveActivation } from '../../activations/activation.js';
import { bool, positiveInt } from '../../layer/config-checks.js';
import { checkLastDim, lastDim, singleInput, singleShape } from '../../layer/layer-inputs.js';
import { Layer } from '../../layer/layer.js';
import type { ForwardContext, LayerConfig, LayerInputs, Shape } from '../../layer/layer-types.js';
import type { PluginSpec } from '../../layer/plugin-spec.js';
import { dense } from '../../ops/dense.js';

/** Weight options shared by layers with a kernel and a bias. */
export interface KernelWeightConfig {
  useBias?: boolean;
  kernelInitializer?: PluginSpec;
  biasInitializer?: PluginSpec;
  kernelRegularizer?: PluginSpec | null;
  biasRegularizer?: PluginSpec | null;
  kernelConstraint?: PluginSpec | null;
  biasConstraint?: PluginSpec | null;
}

/** Config of {@link Dense}. */
export interface DenseConfig extends LayerConfig, KernelWeightConfig {
  units: number;
  activation?: PluginSpec | null;
}

/** Fills Keras's defaults for kernel and bias options. @internal */
export function kernelWeightDefaults(
  config: KernelWeightConfig,
  where: string,
): Required<KernelWeightConfig> {
  return {
    useBias: bool(config.useBias, true, `${where}.useBias`),
    kernelInitializer: config.kernelInitializer ?? 'glorotUniform',
    biasInitializer: config.biasInitializer ?? 'zeros',
    kernelRegularizer: config.kernelRegularizer ?? null,
    biasRegularizer: config.biasRegularizer ?? null,
    kernelConstraint: config.kernelConstraint ?? null,
    biasConstraint: config.biasConstraint ?? null,
  };
}

/**
 * Fully connected layer (Keras `Dense`): `activation(x · kernel + bias)` on the last axis. Weights
 * `kernel` `[in, units]` (Glorot uniform) and `bias` `[units]` (zeros).
 *
 * @throws ValidationError for a non-positive `units` or an unknown activation or initialiser
 * @throws ShapeError when the input's last dimension is unknown or changes after build
 * @see https://keras.io/api/layers/core_layers/dense/
 * @example
 * ```ts
 * const layer = new Dense({ units: 10, activation: 'softmax' });
 * const probs = layer.call(tf.randomNormal([4, 784])) as tf.Tensor; // [4, 10]
 * ```
 */
export class Dense extends Layer<tf.Tensor> {
  readonly units: number;
  readonly activation: PluginSpec | null;
  readonly weightConfig: Required<KernelWeightConfig>;
  readonly #activationFn: ActivationFunction | null;
  #kernel: tf.Variable | null = null;
  #bias: tf.Variable | null = null;

  constructor(config: DenseConfig) {
    super('Dense', config);
    this.units = positiveInt(config.units, this.where('units'));
    this.activation = config.activation ?? null;
    this.#activationFn = resolveActivation(this.activation, undefined, this.where('activation'));
    this.weightConfig = kernelWeightDefaults(config, this.where('config'));
    this.supportsMasking = true;
  }

  computeOutputShape(inputShape: Shape | readonly Shape[]): Shape {
    return [...singleShape(inputShape, this.where('computeOutputShape')).slice(0, -1), this.units];
  }

  protected buildWeights(inputShape: Shape | readonly Shape[]): void {
    const inFeatures = lastDim(singleShape(inputShape, this.where('build')), this.where('build'));
    const c = this.weightConfig;
    this.#kernel = this.addWeight('kernel', [inFeatures, this.units], {
      initializer: c.kernelInitializer,
      regularizer: c.kernelRegularizer,
      constraint: c.kernelConstraint,
    });
    if (c.useBias) {
      this.#bias = this.addWeight('bias', [this.units], {
        initializer: c.biasInitializer,
        regularizer: c.biasRegularizer,
        constraint: c.biasConstraint,
      });
    }
  }

  protected forward(inputs: LayerInputs, _context: ForwardContext): tf.Tensor {
    const x = singleInput(inputs, this.where('call'));
    checkLastDim(x, this.#kernel!.shape[0]!, this.where('call'));
    return dense(x, this.#kernel!, this.#bias, this.#activationFn);
  }

  protected layerConfig(): Record<string, unknown> {
    return { units: this.units, activation: this.activation, ...this.weightConfig };
  }
}
