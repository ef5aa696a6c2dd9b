import type * as tf from '@tensorflow/tfjs-core';
import { type ActivationFunction, resolveActivation } from '../../activations/activation.js';
import type { Initializer } from '../../initializers/initializer.js';
import { lastDim, singleShape } from '../../layer/layer-inputs.js';
import { Layer } from '../../layer/layer.js';
import type { ForwardContext, LayerInputs, Mask, Shape } from '../../layer/layer-types.js';
import type { PluginSpec } from '../../layer/plugin-spec.js';
import type { RecurrentCallOptions, RecurrentConfig, RecurrentSettings } from './recurrent-config.js';
import { recurrentSettings } from './recurrent-config.js';
import { type ProjectedStep, recurrentMask, recurrentOutputShape, runRecurrent } from './recurrent-run.js';

/**
 * What `SimpleRNN`, `GRU` and `LSTM` share: the settings, the `kernel` `[in, gates·units]`,
 * `recurrent_kernel` `[units, gates·units]` and `bias`, output shapes, masks and the time loop. A subclass
 * gives its gate and state counts and the step; it may change the bias's shape or initialiser.
 * @example
 * ```ts
 * // An Elman network whose state is clipped to [-1, 1] (hard tanh):
 * class HardTanhRNN extends RecurrentLayer {
 *   constructor(config: RecurrentConfig) { super('HardTanhRNN', config, { gates: 1, states: 1 }); }
 *   protected forward(inputs: LayerInputs, context: ForwardContext, options: RecurrentCallOptions) {
 *     return this.run(inputs, context, options, this.bias, (xw, [h]) => {
 *       const next = tf.clipByValue(tf.add(xw, tf.matMul(h!, this.recurrentKernel)), -1, 1);
 *       return { output: next, states: [next] };
 *     });
 *   }
 * }
 * ```
 */
export abstract class RecurrentLayer extends Layer<tf.Tensor | tf.Tensor[], RecurrentCallOptions> {
  readonly settings: RecurrentSettings;
  /** The resolved `activation` (identity for `null`). */
  protected readonly activationFn: ActivationFunction;
  readonly #gates: number;
  readonly #states: number;
  #kernel: tf.Variable | null = null;
  #recurrentKernel: tf.Variable | null = null;
  #bias: tf.Variable | null = null;

  protected constructor(className: string, config: RecurrentConfig, cell: { gates: number; states: number }) {
    super(className, config);
    this.settings = recurrentSettings(config, this.where('config'));
    this.activationFn =
      resolveActivation(this.settings.activation, undefined, this.where('activation')) ?? ((x) => x);
    this.#gates = cell.gates;
    this.#states = cell.states;
  }

  /** `recurrent_kernel` (after build). */
  protected get recurrentKernel(): tf.Tensor2D {
    return this.#recurrentKernel as unknown as tf.Tensor2D;
  }

  /** `bias` (after build; null without `useBias`). */
  protected get bias(): tf.Tensor | null {
    return this.#bias;
  }

  /** The bias's shape (default `[gates·units]`). */
  protected biasShape(): number[] {
    return [this.#gates * this.settings.units];
  }

  /** The bias's initialiser (default the configured `biasInitializer`). */
  protected biasInitializer(): PluginSpec | Initializer {
    return this.settings.biasInitializer;
  }

  /** Runs `step` over the time axis with this layer's kernel, settings, masks and `inputBias`. */
  protected run(
    inputs: LayerInputs,
    context: ForwardContext,
    options: RecurrentCallOptions,
    inputBias: tf.Tensor | null,
    step: ProjectedStep,
  ): tf.Tensor | tf.Tensor[] {
    return runRecurrent({
      inputs,
      context,
      options,
      settings: this.settings,
      stateCount: this.#states,
      kernel: this.#kernel!,
      inputBias,
      step,
      where: this.where('call'),
    });
  }

  computeOutputShape(inputShape: Shape | readonly Shape[]): Shape | Shape[] {
    return recurrentOutputShape(inputShape, this.settings, this.#states, this.where('computeOutputShape'));
  }

  protected buildWeights(inputShape: Shape | readonly Shape[]): void {
    const s = this.settings;
    const width = this.#gates * s.units;
    const features = lastDim(singleShape(inputShape, this.where('build')), this.where('build'));
    this.#kernel = this.addWeight('kernel', [features, width], {
      initializer: s.kernelInitializer,
      regularizer: s.kernelRegularizer,
      constraint: s.kernelConstraint,
    });
    this.#recurrentKernel = this.addWeight('recurrent_kernel', [s.units, width], {
      initializer: s.recurrentInitializer,
      regularizer: s.recurrentRegularizer,
      constraint: s.recurrentConstraint,
    });
    if (s.useBias) {
      this.#bias = this.addWeight('bias', this.biasShape(), {
        initializer: this.biasInitializer(),
        regularizer: s.biasRegularizer,
        constraint: s.biasConstraint,
      });
    }
  }

  protected override maskFor(_inputs: LayerInputs, mask: Mask | readonly Mask[] | null): Mask | Mask[] {
    return recurrentMask(mask, this.settings, this.#states);
  }

  protected layerConfig(): Record<string, unknown> {
    return { ...this.settings };
  }
}
