import type { TensorTree } from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';
import { leafwise } from '../internal/leafwise.js';
import { checkTree, zerosLike } from '../internal/slots.js';
import { optionalNumber } from '../internal/validate.js';
import type { GradientTransform } from './types.js';

/** Options of {@link scaleByLion}; defaults are the paper's. */
export interface ScaleByLionOptions {
  /** Interpolation factor for the update direction; default 0.9. */
  readonly beta1?: number;
  /** Decay of the momentum; default 0.99. */
  readonly beta2?: number;
}

/** State of {@link scaleByLion}. */
export type ScaleByLionState = { readonly mu: TensorTree };

/**
 * Lion (EvoLved Sign Momentum): update `sign(β₁m + (1−β₁)g)`, then `m ← β₂m + (1−β₂)g`.
 *
 * @example
 * ```ts
 * import { chain, scaleByLion, scaleByLearningRate } from '@tessera/optim';
 * const tx = chain(scaleByLion(), scaleByLearningRate(1e-4));
 * ```
 * @throws ValidationError if a β is outside [0, 1]
 * @see Chen et al., "Symbolic Discovery of Optimization Algorithms", NeurIPS 2023
 */
export function scaleByLion(options: ScaleByLionOptions = {}): GradientTransform<ScaleByLionState> {
  const b1 = optionalNumber(options.beta1, 0.9, { min: 0, max: 1 }, 'scaleByLion(beta1)');
  const b2 = optionalNumber(options.beta2, 0.99, { min: 0, max: 1 }, 'scaleByLion(beta2)');
  return {
    init: (params) => ({ mu: zerosLike(params) }),
    async update(grads, state) {
      checkTree(state.mu, grads, 'scaleByLion.update(grads)');
      const out = leafwise(Object.keys(state.mu), ['mu', 'update'], (name) => {
        const g = grads[name]!;
        const m = state.mu[name]!;
        const update = tf.sign(tf.add(tf.mul(m, b1), tf.mul(g, 1 - b1)));
        return { mu: tf.add(tf.mul(m, b2), tf.mul(g, 1 - b2)), update };
      });
      return { updates: out.update, state: { mu: out.mu } };
    },
  };
}
