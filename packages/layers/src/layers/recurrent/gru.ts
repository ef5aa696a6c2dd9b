import * as tf from '@tensorflow/tfjs-core';
import { bool } from '../../layer/config-checks.js';
import type { ForwardContext, LayerInputs } from '../../layer/layer-types.js';
import { gruStep } from '../../ops/recurrent-cells.js';
import { type GatedRecurrentConfig, GatedRecurrentLayer } from './gated-recurrent-layer.js';
import type { RecurrentCallOptions } from './recurrent-config.js';

/** Config of {@link GRU}. */
export interface GRUConfig extends GatedRecurrentConfig {
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
export class GRU extends GatedRecurrentLayer {
  readonly resetAfter: boolean;

  constructor(config: GRUConfig) {
    super('GRU', config, { gates: 3, states: 1 });
    this.resetAfter = bool(config.resetAfter, true, this.where('resetAfter'));
  }

  /** `[2, 3·units]` (input and recurrent biases) with `resetAfter`, else `[3·units]`. */
  protected override biasShape(): number[] {
    return this.resetAfter ? [2, 3 * this.settings.units] : [3 * this.settings.units];
  }

  protected forward(
    inputs: LayerInputs,
    context: ForwardContext,
    options: RecurrentCallOptions,
  ): tf.Tensor | tf.Tensor[] {
    const recurrentKernel = this.recurrentKernel;
    const bias = this.bias;
    const [inputBias, recurrentBias] =
      bias && this.resetAfter ? (tf.unstack(bias) as tf.Tensor1D[]) : [bias as tf.Tensor1D | null, null];
    return this.run(inputs, context, options, inputBias ?? null, (xw, [h], mask) => {
      const next = gruStep(xw, h!, recurrentKernel, recurrentBias ?? null, {
        resetAfter: this.resetAfter,
        activation: this.activationFn,
        recurrentActivation: this.recurrentActivationFn,
        recurrentMask: mask,
      });
      return { output: next, states: [next] };
    });
  }

  protected override layerConfig(): Record<string, unknown> {
    return {
      ...super.layerConfig(),
      resetAfter: this.resetAfter,
    };
  }
}
