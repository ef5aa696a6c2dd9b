import type { TensorTree } from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';
import { leafwise } from '../internal/leafwise.js';
import { checkTree, fullLike } from '../internal/slots.js';
import { optionalNumber } from '../internal/validate.js';
import { type EpsilonPlacement, epsilonPlacementOption } from './epsilon-placement.js';
import type { GradientTransform } from './types.js';

/** Options of {@link scaleByAdagrad}; defaults are PyTorch's. */
export interface ScaleByAdagradOptions {
  /** Initial value of the squared-gradient sum; default 0 (Keras: 0.1). */
  readonly initialAccumulatorValue?: number;
  /** Default 1e-10 (Keras: 1e-7). */
  readonly epsilon?: number;
  /** `'pytorch'`: `g / (√s + ε)`; `'keras'`: `g / √(s + ε)`. Default `'pytorch'`. */
  readonly epsilonPlacement?: EpsilonPlacement;
}

/** State of {@link scaleByAdagrad}: the running sum of squared gradients. */
export type ScaleByAdagradState = { readonly sumOfSquares: TensorTree };

/**
 * Adagrad's scaling: `s ← s + g²`, update `g / (√s + ε)`.
 *
 * @example
 * ```ts
 * import { chain, scaleByAdagrad, scaleByLearningRate } from '@tessera/optim';
 * const tx = chain(scaleByAdagrad(), scaleByLearningRate(1e-2));
 * ```
 * @throws ValidationError if ε or the initial accumulator value is negative
 * @see Duchi, Hazan & Singer, "Adaptive Subgradient Methods for Online Learning and Stochastic Optimization", JMLR 2011
 */
export function scaleByAdagrad(options: ScaleByAdagradOptions = {}): GradientTransform<ScaleByAdagradState> {
  const initial = optionalNumber(
    options.initialAccumulatorValue,
    0,
    { min: 0 },
    'scaleByAdagrad(initialAccumulatorValue)',
  );
  const eps = optionalNumber(options.epsilon, 1e-10, { min: 0 }, 'scaleByAdagrad(epsilon)');
  const placement = epsilonPlacementOption(options.epsilonPlacement, 'scaleByAdagrad(epsilonPlacement)');
  return {
    init: (params) => ({ sumOfSquares: fullLike(params, initial) }),
    async update(grads, state) {
      checkTree(state.sumOfSquares, grads, 'scaleByAdagrad.update(grads)');
      const out = leafwise(Object.keys(state.sumOfSquares), ['sumOfSquares', 'update'], (name) => {
        const g = grads[name]!;
        const sumOfSquares = tf.add(state.sumOfSquares[name]!, tf.square(g));
        const denom =
          placement === 'pytorch' ? tf.add(tf.sqrt(sumOfSquares), eps) : tf.sqrt(tf.add(sumOfSquares, eps));
        return { sumOfSquares, update: tf.div(g, denom) };
      });
      return { updates: out.update, state: { sumOfSquares: out.sumOfSquares } };
    },
  };
}
