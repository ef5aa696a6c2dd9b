import type { TensorTree } from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';
import { leafwise } from '../internal/leafwise.js';
import { checkTree, zerosLike } from '../internal/slots.js';
import { optionalNumber } from '../internal/validate.js';
import type { GradientTransform } from './types.js';

/** Options of {@link scaleByNadam}; defaults are PyTorch's. */
export interface ScaleByNadamOptions {
  readonly beta1?: number;
  readonly beta2?: number;
  /** Default 1e-8. */
  readonly epsilon?: number;
  /**
   * ψ in the momentum schedule `μₜ = β₁(1 − ½·0.96^(t·ψ))`; default 4e-3 (PyTorch, Dozat). Keras uses
   * `0.96^t`, i.e. `momentumDecay: 1`.
   */
  readonly momentumDecay?: number;
}

/** State of {@link scaleByNadam}: moments plus the running product of the momentum schedule. */
export type ScaleByNadamState = {
  readonly count: number;
  readonly muProduct: number;
  readonly mu: TensorTree;
  readonly nu: TensorTree;
};

/**
 * Nesterov-accelerated Adam with Dozat's momentum schedule, as PyTorch ≥ 2.0 computes it:
 * update `((1−μₜ)/(1−Πμ₁..ₜ)·g + μₜ₊₁/(1−Πμ₁..ₜ₊₁)·m) / (√(v/(1−β₂ᵗ)) + ε)`.
 * (PyTorch 1.x multiplied `μₜ` into the second product twice, a bug fixed in 2.0.)
 *
 * @example
 * ```ts
 * import { chain, scaleByNadam, scaleByLearningRate } from '@tessera/optim';
 * const tx = chain(scaleByNadam(), scaleByLearningRate(2e-3));
 * ```
 * @throws ValidationError if a β is outside [0, 1) or ε / ψ is negative
 * @see Dozat, "Incorporating Nesterov Momentum into Adam", ICLR 2016 workshop
 */
export function scaleByNadam(options: ScaleByNadamOptions = {}): GradientTransform<ScaleByNadamState> {
  const b1 = optionalNumber(options.beta1, 0.9, { min: 0, maxExclusive: 1 }, 'scaleByNadam(beta1)');
  const b2 = optionalNumber(options.beta2, 0.999, { min: 0, maxExclusive: 1 }, 'scaleByNadam(beta2)');
  const eps = optionalNumber(options.epsilon, 1e-8, { min: 0 }, 'scaleByNadam(epsilon)');
  const psi = optionalNumber(options.momentumDecay, 4e-3, { min: 0 }, 'scaleByNadam(momentumDecay)');
  return {
    init: (params) => ({ count: 0, muProduct: 1, mu: zerosLike(params), nu: zerosLike(params) }),
    async update(grads, state) {
      checkTree(state.mu, grads, 'scaleByNadam.update(grads)');
      const t = state.count + 1;
      const bc2 = 1 - b2 ** t;
      const muT = b1 * (1 - 0.5 * 0.96 ** (t * psi));
      const muNext = b1 * (1 - 0.5 * 0.96 ** ((t + 1) * psi));
      const muProduct = state.muProduct * muT;
      const gradCoef = (1 - muT) / (1 - muProduct);
      const momentumCoef = muNext / (1 - muProduct * muNext);
      const out = leafwise(Object.keys(state.mu), ['mu', 'nu', 'update'], (name) => {
        const g = grads[name]!;
        const mu = tf.add(tf.mul(state.mu[name]!, b1), tf.mul(g, 1 - b1));
        const nu = tf.add(tf.mul(state.nu[name]!, b2), tf.mul(tf.square(g), 1 - b2));
        const denom = tf.add(tf.sqrt(tf.div(nu, bc2)), eps);
        const update = tf.add(tf.mul(tf.div(g, denom), gradCoef), tf.mul(tf.div(mu, denom), momentumCoef));
        return { mu, nu, update };
      });
      return { updates: out.update, state: { count: t, muProduct, mu: out.mu, nu: out.nu } };
    },
  };
}
