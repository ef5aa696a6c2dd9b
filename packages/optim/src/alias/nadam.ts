import type { ChainState } from '../transform/chain.js';
import { scaleByNadam } from '../transform/scale-by-nadam.js';
import type { GradientTransform } from '../transform/types.js';
import { type CommonOptimizerOptions, resolveCommon, scaleThenStep } from './common.js';

/** Options of {@link nadam}. */
export interface NadamOptions extends CommonOptimizerOptions {
  readonly beta1?: number;
  readonly beta2?: number;
  /** Default 1e-8 (PyTorch) or 1e-7 (Keras). */
  readonly epsilon?: number;
  /** ψ of the momentum schedule `β₁(1 − ½·0.96^(tψ))`; default 4e-3 (PyTorch) or 1 (Keras). */
  readonly momentumDecay?: number;
}

/**
 * NAdam: Adam with Nesterov momentum and Dozat's momentum schedule. PyTorch (`lr` 2e-3, ψ 4e-3, as computed
 * since PyTorch 2.0); Keras (`lr` 1e-3, ε 1e-7) uses `0.96^t` in the schedule (ψ = 1) and decoupled
 * `weightDecay`.
 *
 * @example
 * ```ts
 * import { nadam } from '@tessera/optim';
 * const tx = nadam({ learningRate: 2e-3 });
 * ```
 * @throws ValidationError for an out-of-range option
 * @see Dozat, "Incorporating Nesterov Momentum into Adam", ICLR 2016 workshop
 */
export function nadam(options: NadamOptions = {}): GradientTransform<ChainState> {
  const c = resolveCommon('nadam', options);
  const scale = scaleByNadam({
    beta1: c.pick('beta1', 0.9, 0.9),
    beta2: c.pick('beta2', 0.999, 0.999),
    epsilon: c.pick('epsilon', 1e-8, 1e-7),
    momentumDecay: c.pick('momentumDecay', 4e-3, 1),
  });
  return scaleThenStep(c, scale);
}
