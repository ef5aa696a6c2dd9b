import type { TensorTree } from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';
import { leafwise } from '../internal/leafwise.js';
import { checkTree, zerosLike } from '../internal/slots.js';
import { optionalNumber } from '../internal/validate.js';
import type { GradientTransform } from './types.js';

/** Options of {@link scaleByAdadelta}; defaults are PyTorch's. */
export interface ScaleByAdadeltaOptions {
  /** Decay ρ of both running averages; default 0.9 (Keras: 0.95). */
  readonly rho?: number;
  /** Default 1e-6 (Keras: 1e-7). */
  readonly epsilon?: number;
}

/** State of {@link scaleByAdadelta}. */
export type ScaleByAdadeltaState = { readonly squareAverage: TensorTree; readonly deltaAverage: TensorTree };

/**
 * Adadelta: `E[g²] ← ρE[g²] + (1−ρ)g²`, update `Δ = √(E[Δ²] + ε) / √(E[g²] + ε) · g` using the *updated*
 * `E[g²]` (as PyTorch and Keras do; tfjs's `tf.train.adadelta` uses the previous one), then
 * `E[Δ²] ← ρE[Δ²] + (1−ρ)Δ²`.
 *
 * @example
 * ```ts
 * import { chain, scaleByAdadelta, scaleByLearningRate } from '@tessera/optim';
 * const tx = chain(scaleByAdadelta(), scaleByLearningRate(1));
 * ```
 * @throws ValidationError if ρ is outside [0, 1] or ε is negative
 * @see Zeiler, "ADADELTA: An Adaptive Learning Rate Method", 2012
 */
export function scaleByAdadelta(
  options: ScaleByAdadeltaOptions = {},
): GradientTransform<ScaleByAdadeltaState> {
  const rho = optionalNumber(options.rho, 0.9, { min: 0, max: 1 }, 'scaleByAdadelta(rho)');
  const eps = optionalNumber(options.epsilon, 1e-6, { min: 0 }, 'scaleByAdadelta(epsilon)');
  return {
    init: (params) => ({ squareAverage: zerosLike(params), deltaAverage: zerosLike(params) }),
    async update(grads, state) {
      checkTree(state.squareAverage, grads, 'scaleByAdadelta.update(grads)');
      const out = leafwise(
        Object.keys(state.squareAverage),
        ['squareAverage', 'deltaAverage', 'update'],
        (name) => {
          const g = grads[name]!;
          const squareAverage = tf.add(
            tf.mul(state.squareAverage[name]!, rho),
            tf.mul(tf.square(g), 1 - rho),
          );
          const std = tf.sqrt(tf.add(squareAverage, eps));
          const update = tf.mul(tf.div(tf.sqrt(tf.add(state.deltaAverage[name]!, eps)), std), g);
          const deltaAverage = tf.add(
            tf.mul(state.deltaAverage[name]!, rho),
            tf.mul(tf.square(update), 1 - rho),
          );
          return { squareAverage, deltaAverage, update };
        },
      );
      return {
        updates: out.update,
        state: { squareAverage: out.squareAverage, deltaAverage: out.deltaAverage },
      };
    },
  };
}
