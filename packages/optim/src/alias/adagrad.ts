import type { ChainState } from '../transform/chain.js';
import { scaleByLearningRate } from '../transform/scale.js';
import { scaleByAdagrad } from '../transform/scale-by-adagrad.js';
import type { GradientTransform } from '../transform/types.js';
import { makeSchedule, toSchedule } from '../schedule/types.js';
import { type CommonOptimizerOptions, chainOf, coupledDecay, kerasDecay, resolveCommon } from './common.js';

/** Options of {@link adagrad}. */
export interface AdagradOptions extends CommonOptimizerOptions {
  /** PyTorch's `lr_decay`: the step size is `η / (1 + t·lrDecay)`; default 0. */
  readonly lrDecay?: number;
  /** Initial squared-gradient sum; default 0 (PyTorch) or 0.1 (Keras). */
  readonly initialAccumulatorValue?: number;
  /** Default 1e-10 (PyTorch) or 1e-7 (Keras). */
  readonly epsilon?: number;
}

/**
 * Adagrad. PyTorch (`lr` 1e-2): `s ← s + g²`, `p ← p − η·g/(√s + ε)`, `weightDecay` added to the gradient.
 * Keras (`lr` 1e-3, initial sum 0.1): `g/√(s + ε)`, `weightDecay` decoupled.
 *
 * @example
 * ```ts
 * import { adagrad } from '@tessera/optim';
 * const tx = adagrad({ learningRate: 0.05, lrDecay: 1e-4 });
 * ```
 * @throws ValidationError for an out-of-range option
 * @see Duchi, Hazan & Singer, "Adaptive Subgradient Methods for Online Learning and Stochastic Optimization", JMLR 2011
 */
export function adagrad(options: AdagradOptions = {}): GradientTransform<ChainState> {
  const c = resolveCommon('adagrad', options);
  const lrDecay = c.pick('lrDecay', 0, 0, { min: 0 });
  const scale = scaleByAdagrad({
    initialAccumulatorValue: c.pick('initialAccumulatorValue', 0, 0.1, { min: 0 }),
    epsilon: c.pick('epsilon', 1e-10, 1e-7, { min: 0 }),
    epsilonPlacement: c.keras ? 'keras' : 'pytorch',
  });
  const base = toSchedule(c.learningRate, 'adagrad(learningRate)');
  const lr =
    lrDecay === 0 ? base : makeSchedule('adagradDecay', { lrDecay }, (t) => base(t) / (1 + t * lrDecay));
  return c.keras
    ? chainOf(scale, scaleByLearningRate(lr), kerasDecay(c))
    : chainOf(coupledDecay(c), scale, scaleByLearningRate(lr));
}
