import type { TensorTree } from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';
import { leafwise } from '../internal/leafwise.js';
import { checkTree, zerosLike } from '../internal/slots.js';
import { optionalNumber } from '../internal/validate.js';
import { type EpsilonPlacement, epsilonPlacementOption } from './epsilon-placement.js';
import type { GradientTransform } from './types.js';

/** Options of {@link scaleByAdamax}; defaults are PyTorch's. */
export interface ScaleByAdamaxOptions {
  readonly beta1?: number;
  readonly beta2?: number;
  /** Default 1e-8. */
  readonly epsilon?: number;
  /** `'pytorch'`: `u ← max(β₂u, |g| + ε)`, update `m / ((1−β₁ᵗ)·u)`; `'keras'`: `u ← max(β₂u, |g|)`, update `m / ((1−β₁ᵗ)(u + ε))`. */
  readonly epsilonPlacement?: EpsilonPlacement;
}

/** State of {@link scaleByAdamax}. */
export type ScaleByAdamaxState = {
  readonly count: number;
  readonly mu: TensorTree;
  readonly nuInf: TensorTree;
};

/**
 * Adamax: Adam with the infinity norm, `m ← β₁m + (1−β₁)g`, `u ← max(β₂u, |g|)`, update `m / ((1−β₁ᵗ)·u)`.
 *
 * @example
 * ```ts
 * import { chain, scaleByAdamax, scaleByLearningRate } from '@tessera/optim';
 * const tx = chain(scaleByAdamax(), scaleByLearningRate(2e-3));
 * ```
 * @throws ValidationError if a β is outside [0, 1) or ε is negative
 * @see Kingma & Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015, section 7.1
 */
export function scaleByAdamax(options: ScaleByAdamaxOptions = {}): GradientTransform<ScaleByAdamaxState> {
  const b1 = optionalNumber(options.beta1, 0.9, { min: 0, maxExclusive: 1 }, 'scaleByAdamax(beta1)');
  const b2 = optionalNumber(options.beta2, 0.999, { min: 0, maxExclusive: 1 }, 'scaleByAdamax(beta2)');
  const eps = optionalNumber(options.epsilon, 1e-8, { min: 0 }, 'scaleByAdamax(epsilon)');
  const placement = epsilonPlacementOption(options.epsilonPlacement, 'scaleByAdamax(epsilonPlacement)');
  return {
    init: (params) => ({ count: 0, mu: zerosLike(params), nuInf: zerosLike(params) }),
    async update(grads, state) {
      checkTree(state.mu, grads, 'scaleByAdamax.update(grads)');
      const t = state.count + 1;
      const bc1 = 1 - b1 ** t;
      const out = leafwise(Object.keys(state.mu), ['mu', 'nuInf', 'update'], (name) => {
        const g = grads[name]!;
        const mu = tf.add(tf.mul(state.mu[name]!, b1), tf.mul(g, 1 - b1));
        const decayed = tf.mul(state.nuInf[name]!, b2);
        if (placement === 'pytorch') {
          const nuInf = tf.maximum(decayed, tf.add(tf.abs(g), eps));
          return { mu, nuInf, update: tf.div(tf.div(mu, nuInf), bc1) };
        }
        const nuInf = tf.maximum(decayed, tf.abs(g));
        return { mu, nuInf, update: tf.div(mu, tf.mul(tf.add(nuInf, eps), bc1)) };
      });
      return { updates: out.update, state: { count: t, mu: out.mu, nuInf: out.nuInf } };
    },
  };
}
