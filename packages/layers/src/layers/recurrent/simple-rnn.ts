import type * as tf from '@tensorflow/tfjs-core';
import { type ActivationFunction, resolveActivation } from '../../activations/activation.js';
import { lastDim, singleShape } from '../../layer/layer-inputs.js';
import { Layer } from '../../layer/layer.js';
import type { ForwardContext, LayerInputs, Mask, Shape } from '../../layer/layer-types.js';
import { simpleRnnStep } from '../../ops/recurrent-cells.js';
import type { RecurrentCallOptions, RecurrentConfig, RecurrentSettings } from './recurrent-config.js';
import { recurrentSettings } from './recurrent-config.js';
import { recurrentMask, recurrentOutputShape, runRecurrent } from './recurrent-run.js';

/** Config of {@link SimpleRNN}. */
export interface SimpleRNNConfig extends RecurrentConfig {}

/**
 * Fully connected recurrent layer (Keras `SimpleRNN`): `h_t = activation(x_t · kernel + h_{t−1} ·
 * recurrent_kernel + bias)`. Weights `kernel` `[in, units]`, `recurrent_kernel` `[units, units]`, `bias`
 * `[units]`. Honours a `[batch, steps]` mask (masked steps carry the state over).
 * @throws ValidationError for bad options; ShapeError for inputs that are not `[batch, steps, features]`
 * @see Elman (1990); https://keras.io/api/layers/recurrent_layers/simple_rnn/
 * @example
 * ```ts
 * const rnn = new SimpleRNN({ units: 8, returnSequences: true });
 * rnn.call(tf.zeros([2, 5, 3])); // [2, 5, 8]
 * ```
 */
export class SimpleRNN extends Layer<tf.Tensor | tf.Tensor[], RecurrentCallOptions> {
  readonly settings: RecurrentSettings;
  readonly #activation: ActivationFunction;
  #kernel: tf.Variable | null = null;
  #recurrentKernel: tf.Variable | null = null;
  #bias: tf.Variable | null = null;

  constructor(config: SimpleRNNConfig) {
    super('SimpleRNN', config);
    this.settings = recurrentSettings(config, this.where('config'));
    this.#activation =
      resolveActivation(this.settings.activation, undefined, this.where('activation')) ?? ((x) => x);
  }

  computeOutputShape(inputShape: Shape | readonly Shape[]): Shape | Shape[] {
    return recurrentOutputShape(inputShape, this.settings, 1, this.where('computeOutputShape'));
  }

  protected buildWeights(inputShape: Shape | readonly Shape[]): void {
    const s = this.settings;
    const features = lastDim(singleShape(inputShape, this.where('build')), this.where('build'));
    this.#kernel = this.addWeight('kernel', [features, s.units], {
      initializer: s.kernelInitializer,
      regularizer: s.kernelRegularizer,
      constraint: s.kernelConstraint,
    });
    this.#recurrentKernel = this.addWeight('recurrent_kernel', [s.units, s.units], {
      initializer: s.recurrentInitializer,
      regularizer: s.recurrentRegularizer,
      constraint: s.recurrentConstraint,
    });
    if (s.useBias) {
      this.#bias = this.addWeight('bias', [s.units], {
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
    return runRecurrent({
      inputs,
      context,
      options,
      settings: this.settings,
      stateCount: 1,
      kernel: this.#kernel!,
      inputBias: this.#bias,
      where: this.where('call'),
      step: (xw, [h], mask) => {
        const next = simpleRnnStep(xw, h!, recurrentKernel, this.#activation, mask);
        return { output: next, states: [next] };
      },
    });
  }

  protected override maskFor(_inputs: LayerInputs, mask: Mask | readonly Mask[] | null): Mask | Mask[] {
    return recurrentMask(mask, this.settings, 1);
  }

  protected layerConfig(): Record<string, unknown> {
    return { ...this.settings };
  }
}
