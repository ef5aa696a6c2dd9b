import * as tf from '@tensorflow/tfjs-core';
import { type ActivationFunction, resolveActivation } from '../../activations/activation.js';
import { bool } from '../../layer/config-checks.js';
import { lastDim, singleShape } from '../../layer/layer-inputs.js';
import { Layer } from '../../layer/layer.js';
import type { ForwardContext, LayerInputs, Mask, Shape } from '../../layer/layer-types.js';
import type { PluginSpec } from '../../layer/plugin-spec.js';
import { gruStep } from '../../ops/recurrent-cells.js';
import type { RecurrentCallOptions, RecurrentConfig, RecurrentSettings } from './recurrent-config.js';
import { recurrentSettings } from './recurrent-config.js';
import { recurrentMask, recurrentOutputShape, runRecurrent } from './recurrent-run.js';

/** Config of {@link GRU}. */
export interface GRUConfig extends RecurrentConfig {
  /** Gate activation, default `'sigmoid'`. */
  recurrentActivation?: PluginSpec;
  /**
   * Apply the reset gate after the recurrent projection (default true, Keras's default and PyTorch's only
   * form; tfjs-layers supports only false). The bias is then `[2, 3·units]`: input and recurrent biases.
   */
  resetAfter?: boolean;
}

/**
 * Gated recurrent unit layer (Keras `GRU`). Weights `kernel` `[in, 3·units]`, `recurrent_kernel`
 * `[units, 3·units]` with Keras gate order update, reset, candidate (PyTorch's is reset, update,
 * candidate), and `bias` `[2, 3·units]` with `resetAfter` or `[3·units]` without. Honours a mask.
 * @throws ValidationError for bad options; ShapeError for inputs that are not `[batch, steps, features]`
 * @see Cho et al., "Learning Phrase Representations using RNN Encoder–Decoder" (2014)
 * @example
 * ```ts
 * const gru = new GRU({ units: 16, returnSequences: true });
 * ```
 */
export class GRU extends Layer<tf.Tensor | tf.Tensor[], RecurrentCallOptions> {
  readonly settings: RecurrentSettings;
  readonly recurrentActivation: PluginSpec;
  readonly resetAfter: boolean;
  readonly #activation: ActivationFunction;
  readonly #recurrentActivation: ActivationFunction;
  #kernel: tf.Variable | null = null;
  #recurrentKernel: tf.Variable | null = null;
  #bias: tf.Variable | null = null;

  constructor(config: GRUConfig) {
    super('GRU', config);
    this.settings = recurrentSettings(config, this.where('config'));
    this.recurrentActivation = config.recurrentActivation ?? 'sigmoid';
    this.resetAfter = bool(config.resetAfter, true, this.where('resetAfter'));
    this.#activation =
      resolveActivation(this.settings.activation, undefined, this.where('activation')) ?? ((x) => x);
    this.#recurrentActivation = resolveActivation(
      this.recurrentActivation,
      undefined,
      this.where('recurrentActivation'),
    )!;
  }

  computeOutputShape(inputShape: Shape | readonly Shape[]): Shape | Shape[] {
    return recurrentOutputShape(inputShape, this.settings, 1, this.where('computeOutputShape'));
  }

  protected buildWeights(inputShape: Shape | readonly Shape[]): void {
    const s = this.settings;
    const features = lastDim(singleShape(inputShape, this.where('build')), this.where('build'));
    this.#kernel = this.addWeight('kernel', [features, 3 * s.units], {
      initializer: s.kernelInitializer,
      regularizer: s.kernelRegularizer,
      constraint: s.kernelConstraint,
    });
    this.#recurrentKernel = this.addWeight('recurrent_kernel', [s.units, 3 * s.units], {
      initializer: s.recurrentInitializer,
      regularizer: s.recurrentRegularizer,
      constraint: s.recurrentConstraint,
    });
    if (s.useBias) {
      const shape = this.resetAfter ? [2, 3 * s.units] : [3 * s.units];
      this.#bias = this.addWeight('bias', shape, {
        initializer: s.biasInitializer,
        regularizer: s.biasRegularizer,
        constraint: s.biasConstraint,
      });
    }
  }

  protected forward(
    inputs: LayerInputs,
    context: ForwardContext,
    options: RecurrentCallOptions,
  ): tf.Tensor | tf.Tensor[] {
    const recurrentKernel = this.#recurrentKernel as unknown as tf.Tensor2D;
    const [inputBias, recurrentBias] =
      this.#bias && this.resetAfter
        ? (tf.unstack(this.#bias) as tf.Tensor1D[])
        : [this.#bias as tf.Tensor1D | null, null];
    return runRecurrent({
      inputs,
      context,
      options,
      settings: this.settings,
      stateCount: 1,
      kernel: this.#kernel!,
      inputBias: inputBias ?? null,
      where: this.where('call'),
      step: (xw, [h], mask) => {
        const next = gruStep(xw, h!, recurrentKernel, recurrentBias ?? null, {
          resetAfter: this.resetAfter,
          activation: this.#activation,
          recurrentActivation: this.#recurrentActivation,
          recurrentMask: mask,
        });
        return { output: next, states: [next] };
      },
    });
  }

  protected override maskFor(_inputs: LayerInputs, mask: Mask | readonly Mask[] | null): Mask | Mask[] {
    return recurrentMask(mask, this.settings, 1);
  }

  protected layerConfig(): Record<string, unknown> {
    return { ...this.settings, recurrentActivation: this.recurrentActivation, resetAfter: this.resetAfter };
  }
}
