import type { TensorTree } from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';
import { leafwise } from '../internal/leafwise.js';
import { checkTree, fullLike, zerosLike } from '../internal/slots.js';
import { optionalBoolean, optionalNumber } from '../internal/validate.js';
import { type EpsilonPlacement, epsilonPlacementOption } from './epsilon-placement.js';
import type { GradientTransform } from './types.js';

/** Options of {@link scaleByRms}; defaults are PyTorch's `RMSprop`. */
export interface ScaleByRmsOptions {
  /** Decay α (Keras `rho`) of the squared-gradient average; default 0.99. */
  readonly decay?: number;
  /** Default 1e-8. */
  readonly epsilon?: number;
  /** Subtract the squared mean gradient (centred RMSprop); default false. */
  readonly centered?: boolean;
  /** `'pytorch'`: `g / (√v̄ + ε)`; `'keras'`: `g / √(v̄ + ε)`. Default `'pytorch'`. */
  readonly epsilonPlacement?: EpsilonPlacement;
  /** Initial value of the squared-gradient average; default 0. */
  readonly initialScale?: number;
}

/** State of {@link scaleByRms}. */
export type ScaleByRmsState = { readonly nu: TensorTree; readonly gradAverage: TensorTree | null };

/**
 * RMSprop's scaling: `v ← αv + (1−α)g²` and update `g / (√v + ε)`; centred, the denominator uses
 * `v − ḡ²` with `ḡ ← αḡ + (1−α)g`, an estimate of the gradient's variance.
 *
 * @example
 * ```ts
 * import { chain, scaleByRms, scaleByLearningRate } from '@tessera/optim';
 * const tx = chain(scaleByRms({ centered: true }), scaleByLearningRate(1e-2));
 * ```
 * @throws ValidationError if `decay` is outside [0, 1] or ε / `initialScale` is negative
 * @see Tieleman & Hinton, Lecture 6.5 "rmsprop", COURSERA: Neural Networks for Machine Learning, 2012
 * @see Graves, "Generating Sequences With Recurrent Neural Networks", 2013 (centred variant)
 */
export function scaleByRms(options: ScaleByRmsOptions = {}): GradientTransform<ScaleByRmsState> {
  const decay = optionalNumber(options.decay, 0.99, { min: 0, max: 1 }, 'scaleByRms(decay)');
  const eps = optionalNumber(options.epsilon, 1e-8, { min: 0 }, 'scaleByRms(epsilon)');
  const centered = optionalBoolean(options.centered, false, 'scaleByRms(centered)');
  const placement = epsilonPlacementOption(options.epsilonPlacement, 'scaleByRms(epsilonPlacement)');
  const initialScale = optionalNumber(options.initialScale, 0, { min: 0 }, 'scaleByRms(initialScale)');
  return {
    init: (params) => ({
      nu: fullLike(params, initialScale),
      gradAverage: centered ? zerosLike(params) : null,
    }),
    async update(grads, state) {
      checkTree(state.nu, grads, 'scaleByRms.update(grads)');
      const out = leafwise(Object.keys(state.nu), ['nu', 'gradAverage', 'update'], (name) => {
        const g = grads[name]!;
        const nu = tf.add(tf.mul(state.nu[name]!, decay), tf.mul(tf.square(g), 1 - decay));
        const gradAverage = centered
          ? tf.add(tf.mul(state.gradAverage![name]!, decay), tf.mul(g, 1 - decay))
          : undefined;
        const variance = gradAverage ? tf.sub(nu, tf.square(gradAverage)) : nu;
        const denom =
          placement === 'pytorch' ? tf.add(tf.sqrt(variance), eps) : tf.sqrt(tf.add(variance, eps));
        const update = tf.div(g, denom);
        return gradAverage ? { nu, gradAverage, update } : { nu, update };
      });
      return { updates: out.update, state: { nu: out.nu, gradAverage: centered ? out.gradAverage : null } };
    },
  };
}
