import type * as tf from '@tensorflow/tfjs-core';
import type { ForwardContext, LayerInputs } from '../../layer/layer-types.js';
import { simpleRnnStep } from '../../ops/recurrent-cells.js';
import type { RecurrentCallOptions, RecurrentConfig } from './recurrent-config.js';
import { RecurrentLayer } from './recurrent-layer.js';

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
export class SimpleRNN extends RecurrentLayer {
  constructor(config: SimpleRNNConfig) {
    super('SimpleRNN', config, { gates: 1, states: 1 });
  }

  protected forward(
    inputs: LayerInputs,
    context: ForwardContext,
    options: RecurrentCallOptions,
  ): tf.Tensor | tf.Tensor[] {
    const recurrentKernel = this.recurrentKernel;
    return this.run(inputs, context, options, this.bias, (xw, [h], mask) => {
      const next = simpleRnnStep(xw, h!, recurrentKernel, this.activationFn, mask);
      return { output: next, states: [next] };
    });
  }
}
