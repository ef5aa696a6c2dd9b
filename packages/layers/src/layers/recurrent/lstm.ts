import * as tf from '@tensorflow/tfjs-core';
import { type ActivationFunction, resolveActivation } from '../../activations/activation.js';
import { resolveInitializer } from '../../initializers/initializer-plugins.js';
import { bool } from '../../layer/config-checks.js';
import { lastDim, singleShape } from '../../layer/layer-inputs.js';
import { Layer } from '../../layer/layer.js';
import type { ForwardContext, LayerInputs, Mask, Shape } from '../../layer/layer-types.js';
import type { PluginSpec } from '../../layer/plugin-spec.js';
import { lstmStep } from '../../ops/recurrent-cells.js';
import type { RecurrentCallOptions, RecurrentConfig, RecurrentSettings } from './recurrent-config.js';
import { recurrentSettings } from './recurrent-config.js';
import { recurrentMask, recurrentOutputShape, runRecurrent } from './recurrent-run.js';

/** Config of {@link LSTM}. */
export interface LSTMConfig extends RecurrentConfig {
  /** Gate activation, default `'sigmoid'`. */
  recurrentActivation?: PluginSpec;
  /** Initialise the forget-gate bias to 1 (Jozefowicz et al. 2015), default true as in Keras. */
  unitForgetBias?: boolean;
}

/**
 * Long short-term memory layer (Keras `LSTM`). Weights `kernel` `[in, 4·units]`, `recurrent_kernel`
 * `[units, 4·units]`, `bias` `[4·units]`, gates in Keras order input, forget, cell, output (PyTorch's order
 * too; PyTorch's two biases sum to this one). States `[h, c]`. Honours a `[batch, steps]` mask.
 * @throws ValidationError for bad options; ShapeError for inputs that are not `[batch, steps, features]`
 * @see Hochreiter & Schmidhuber (1997); https://keras.io/api/layers/recurrent_layers/lstm/
 * @example
 * ```ts
 * const lstm = new LSTM({ units: 16, returnState: true });
 * const [last, h, c] = lstm.call(tf.zeros([2, 10, 8])) as tf.Tensor[];
 * ```
 */
export class LSTM extends Layer<tf.Tensor | tf.Tensor[], RecurrentCallOptions> {
  readonly settings: RecurrentSettings;
  readonly recurrentActivation: PluginSpec;
  readonly unitForgetBias: boolean;
  readonly #activation: ActivationFunction;
  readonly #recurrentActivation: ActivationFunction;
  #kernel: tf.Variable | null = null;
  #recurrentKernel: tf.Variable | null = null;
  #bias: tf.Variable | null = null;

  constructor(config: LSTMConfig) {
    super('LSTM', config);
    this.settings = recurrentSettings(config, this.where('config'));
    this.recurrentActivation = config.recurrentActivation ?? 'sigmoid';
    this.unitForgetBias = bool(config.unitForgetBias, true, this.where('unitForgetBias'));
    this.#activation =
      resolveActivation(this.settings.activation, undefined, this.where('activation')) ?? ((x) => x);
    this.#recurrentActivation = resolveActivation(
      this.recurrentActivation,
      undefined,
      this.where('recurrentActivation'),
    )!;
  }

  computeOutputShape(inputShape: Shape | readonly Shape[]): Shape | Shape[] {
    return recurrentOutputShape(inputShape, this.settings, 2, this.where('computeOutputShape'));
  }

  protected buildWeights(inputShape: Shape | readonly Shape[]): void {
    const s = this.settings;
    const features = lastDim(singleShape(inputShape, this.where('build')), this.where('build'));
    this.#kernel = this.addWeight('kernel', [features, 4 * s.units], {
      initializer: s.kernelInitializer,
      regularizer: s.kernelRegularizer,
      constraint: s.kernelConstraint,
    });
    this.#recurrentKernel = this.addWeight('recurrent_kernel', [s.units, 4 * s.units], {
      initializer: s.recurrentInitializer,
      regularizer: s.recurrentRegularizer,
      constraint: s.recurrentConstraint,
    });
    if (s.useBias) {
      const base = resolveInitializer(s.biasInitializer, undefined, this.where('biasInitializer'));
      const u = s.units;
      // Keras's unit_forget_bias: the bias initialiser for the i, c, o gates, ones for the forget gate.
      const initializer = this.unitForgetBias
        ? (_shape: readonly number[], seed: number) =>
            tf.tidy(() => tf.concat([base([u], seed), tf.ones([u]), base([2 * u], seed + 1)]))
        : s.biasInitializer;
      this.#bias = this.addWeight('bias', [4 * u], {
        initializer,
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
    return runRecurrent({
      inputs,
      context,
      options,
      settings: this.settings,
      stateCount: 2,
      kernel: this.#kernel!,
      inputBias: this.#bias,
      where: this.where('call'),
      step: (xw, [h, c], mask) => {
        const next = lstmStep(xw, h!, c!, recurrentKernel, this.#activation, this.#recurrentActivation, mask);
        return { output: next.h, states: [next.h, next.c] };
      },
    });
  }

  protected override maskFor(_inputs: LayerInputs, mask: Mask | readonly Mask[] | null): Mask | Mask[] {
    return recurrentMask(mask, this.settings, 2);
  }

  protected layerConfig(): Record<string, unknown> {
    return {
      ...this.settings,
      recurrentActivation: this.recurrentActivation,
      unitForgetBias: this.unitForgetBias,
    };
  }
}
