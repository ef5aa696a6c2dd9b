import type { TensorTree } from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';
import { leafwise } from '../internal/leafwise.js';
import { checkTree, zerosLike } from '../internal/slots.js';
import { optionalBoolean, optionalNumber } from '../internal/validate.js';
import { type EpsilonPlacement, epsilonPlacementOption } from './epsilon-placement.js';
import type { GradientTransform } from './types.js';

/** Options of {@link scaleByAdam}; defaults are PyTorch's. */
export interface ScaleByAdamOptions {
  /** Decay of the first moment; default 0.9. */
  readonly beta1?: number;
  /** Decay of the second moment; default 0.999. */
  readonly beta2?: number;
  /** Added to the denominator for stability; default 1e-8. */
  readonly epsilon?: number;
  /** Use the running maximum of the second moment (AMSGrad); default false. */
  readonly amsgrad?: boolean;
  /** See {@link EpsilonPlacement}; default `'pytorch'`. */
  readonly epsilonPlacement?: EpsilonPlacement;
}

/** State of {@link scaleByAdam}. */
export type ScaleByAdamState = {
  readonly count: number;
  readonly mu: TensorTree;
  readonly nu: TensorTree;
  /** Running maximum of `nu` (AMSGrad only). */
  readonly nuMax: TensorTree | null;
};

/**
 * Rescales updates by Adam's bias-corrected moment estimates:
 * `m ← β₁m + (1−β₁)g`, `v ← β₂v + (1−β₂)g²`, update `(m/(1−β₁ᵗ)) / (√v/√(1−β₂ᵗ) + ε)`.
 * With `amsgrad`, `v` in the denominator is replaced by its running maximum.
 *
 * @example
 * ```ts
 * import { chain, scaleByAdam, scaleByLearningRate } from '@tessera/optim';
 * const adamLike = chain(scaleByAdam({ beta2: 0.99 }), scaleByLearningRate(3e-4));
 * ```
 * @throws ValidationError if a β is outside [0, 1) or ε is negative
 * @see Kingma & Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015
 * @see Reddi et al., "On the Convergence of Adam and Beyond", ICLR 2018 (AMSGrad)
 */
export function scaleByAdam(options: ScaleByAdamOptions = {}): GradientTransform<ScaleByAdamState> {
  const b1 = optionalNumber(options.beta1, 0.9, { min: 0, maxExclusive: 1 }, 'scaleByAdam(beta1)');
  const b2 = optionalNumber(options.beta2, 0.999, { min: 0, maxExclusive: 1 }, 'scaleByAdam(beta2)');
  const eps = optionalNumber(options.epsilon, 1e-8, { min: 0 }, 'scaleByAdam(epsilon)');
  const amsgrad = optionalBoolean(options.amsgrad, false, 'scaleByAdam(amsgrad)');
  const placement = epsilonPlacementOption(options.epsilonPlacement, 'scaleByAdam(epsilonPlacement)');
  return {
    init: (params) => ({
      count: 0,
      mu: zerosLike(params),
      nu: zerosLike(params),
      nuMax: amsgrad ? zerosLike(params) : null,
    }),
    async update(grads, state) {
      checkTree(state.mu, grads, 'scaleByAdam.update(grads)');
      const t = state.count + 1;
      const bc1 = 1 - b1 ** t;
      const bc2 = 1 - b2 ** t;
      const out = leafwise(Object.keys(state.mu), ['mu', 'nu', 'nuMax', 'update'], (name) => {
        const g = grads[name]!;
        const mu = tf.add(tf.mul(state.mu[name]!, b1), tf.mul(g, 1 - b1));
        const nu = tf.add(tf.mul(state.nu[name]!, b2), tf.mul(tf.square(g), 1 - b2));
        const nuMax = amsgrad ? tf.maximum(state.nuMax![name]!, nu) : undefined;
        const v = nuMax ?? nu;
        const update =
          placement === 'pytorch'
            ? tf.div(tf.div(mu, bc1), tf.add(tf.div(tf.sqrt(v), Math.sqrt(bc2)), eps))
            : tf.div(tf.mul(mu, Math.sqrt(bc2) / bc1), tf.add(tf.sqrt(v), eps));
        return nuMax ? { mu, nu, nuMax, update } : { mu, nu, update };
      });
      return {
        updates: out.update,
        state: { count: t, mu: out.mu, nu: out.nu, nuMax: amsgrad ? out.nuMax : null },
      };
    },
  };
}
