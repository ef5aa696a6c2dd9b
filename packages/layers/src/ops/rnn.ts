import * as tf from '@tensorflow/tfjs-core';

/** One time step of a recurrent cell: `(input_t, states) → (output_t, new states)`. */
export type RnnStep = (
  input: tf.Tensor2D,
  states: readonly tf.Tensor2D[],
) => { output: tf.Tensor2D; states: tf.Tensor2D[] };

/** Options of {@link rnn}. */
export interface RnnOptions {
  /** `[batch, steps]` boolean/0-1 mask; masked steps keep the previous states. */
  mask?: tf.Tensor | null;
  /** Process the sequence from the last step to the first; outputs come in processing order (Keras). */
  goBackwards?: boolean;
  /** Masked steps output zeros instead of repeating the previous output. */
  zeroOutputForMask?: boolean;
}

/** What {@link rnn} returns. */
export interface RnnResult {
  /** The output of the last processed step, `[batch, units]`. */
  lastOutput: tf.Tensor2D;
  /** Every step's output, `[batch, steps, units]`, in processing order. */
  outputs: tf.Tensor3D;
  /** The final states. */
  states: tf.Tensor2D[];
}

/**
 * Runs a recurrent `step` over `inputs` `[batch, steps, features]` (the Keras backend `rnn` loop, unrolled):
 * at a masked step the states are carried over unchanged and the output is the previous output (or zeros
 * with `zeroOutputForMask`), so padded steps never influence the result.
 * @example
 * ```ts
 * const { outputs } = rnn((x, [h]) => { const y = tf.tanh(tf.add(x, h!)); return { output: y, states: [y] }; },
 *   xs, [tf.zeros([batch, units])]);
 * ```
 */
export function rnn(
  step: RnnStep,
  inputs: tf.Tensor3D,
  initialStates: readonly tf.Tensor2D[],
  options: RnnOptions = {},
): RnnResult {
  return tf.tidy(() => {
    const { goBackwards = false, zeroOutputForMask = false } = options;
    let steps = tf.unstack(inputs, 1) as tf.Tensor2D[];
    let masks = options.mask ? (tf.unstack(tf.cast(options.mask, 'float32'), 1) as tf.Tensor1D[]) : null;
    // Reverse copies: the arrays tf.unstack returns are the op's recorded outputs, and reversing them in
    // place silently misroutes the gradient.
    if (goBackwards) {
      steps = [...steps].reverse();
      masks = masks ? [...masks].reverse() : null;
    }
    let states = [...initialStates];
    let previous: tf.Tensor2D | null = null;
    const outputs: tf.Tensor2D[] = [];
    steps.forEach((x, t) => {
      const result = step(x, states);
      let output = result.output;
      let next = result.states;
      if (masks) {
        const keep = tf.expandDims(masks[t]!, 1) as tf.Tensor2D;
        const blend = (fresh: tf.Tensor2D, old: tf.Tensor2D): tf.Tensor2D =>
          tf.add(tf.mul(fresh, keep), tf.mul(old, tf.sub(1, keep)));
        output = zeroOutputForMask || !previous ? tf.mul(output, keep) : blend(output, previous);
        next = next.map((s, i) => blend(s, states[i]!));
      }
      outputs.push(output);
      previous = output;
      states = next;
    });
    return { lastOutput: outputs.at(-1)!, outputs: tf.stack(outputs, 1) as tf.Tensor3D, states };
  });
}
