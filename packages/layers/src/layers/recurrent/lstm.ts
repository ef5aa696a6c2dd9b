import * as tf from '@tensorflow/tfjs-core';
import type { Initializer } from '../../initializers/initializer.js';
import { resolveInitializer } from '../../initializers/initializer-plugins.js';
import { bool } from '../../layer/config-checks.js';
import type { ForwardContext, LayerInputs } from '../../layer/layer-types.js';
import type { PluginSpec } from '../../layer/plugin-spec.js';
import { lstmStep } from '../../ops/recurrent-cells.js';
import { type GatedRecurrentConfig, GatedRecurrentLayer } from './gated-recurrent-layer.js';
import type { RecurrentCallOptions } from './recurrent-config.js';

/** Config of {@link LSTM}. */
export interface LSTMConfig extends GatedRecurrentConfig {
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
export class LSTM extends GatedRecurrentLayer {
  readonly unitForgetBias: boolean;

  constructor(config: LSTMConfig) {
    super('LSTM', config, { gates: 4, states: 2 });
    this.unitForgetBias = bool(config.unitForgetBias, true, this.where('unitForgetBias'));
  }

  /** Keras's `unit_forget_bias`: the bias initialiser for the i, c, o gates, ones for the forget gate. */
  protected override biasInitializer(): PluginSpec | Initializer {
    const s = this.settings;
    if (!this.unitForgetBias) return s.biasInitializer;
    const base = resolveInitializer(s.biasInitializer, undefined, this.where('biasInitializer'));
    const u = s.units;
    return (_shape: readonly number[], seed: number) =>
      tf.tidy(() => tf.concat([base([u], seed), tf.ones([u]), base([2 * u], seed + 1)]));
  }

  protected forward(
    inputs: LayerInputs,
    context: ForwardContext,
    options: RecurrentCallOptions,
  ): tf.Tensor | tf.Tensor[] {
    const recurrentKernel = this.recurrentKernel;
    return this.run(inputs, context, options, this.bias, (xw, [h, c], mask) => {
      const next = lstmStep(xw, h!, c!, recurrentKernel, this.activationFn, this.recurrentActivationFn, mask);
      return { output: next.h, states: [next.h, next.c] };
    });
  }

  protected override layerConfig(): Record<string, unknown> {
    return {
      ...super.layerConfig(),
      unitForgetBias: this.unitForgetBias,
    };
  }
}
