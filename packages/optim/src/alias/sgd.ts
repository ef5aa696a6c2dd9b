import { ValidationError } from '@tessera/core';
import { optionalBoolean } from '../internal/validate.js';
import type { ChainState } from '../transform/chain.js';
import { trace } from '../transform/trace.js';
import type { GradientTransform } from '../transform/types.js';
import {
  type CommonOptimizerOptions,
  chainOf,
  coupledDecay,
  kerasDecay,
  learningRateStep,
  resolveCommon,
} from './common.js';

/** Options of {@link sgd}. */
export interface SgdOptions extends CommonOptimizerOptions {
  /** Momentum μ; default 0 (plain SGD). */
  readonly momentum?: number;
  /** PyTorch's dampening of the momentum; default 0 (PyTorch convention only). */
  readonly dampening?: number;
  /** Nesterov momentum; default false. Needs `momentum > 0` and no dampening. */
  readonly nesterov?: boolean;
}

/**
 * Stochastic gradient descent with optional (Nesterov) momentum.
 *
 * PyTorch (default, `lr` 1e-3 as in PyTorch ≥ 2.2): `g ← g + λp`, `b ← μb + (1−τ)g`, `p ← p − η·b`
 * (Nesterov: `p ← p − η(g + μb)`). Keras (`lr` 0.01): `m ← μm − ηg`, `p ← p + m` — the learning rate
 * sits inside the momentum, which differs from PyTorch only when η changes — and `weightDecay` is
 * decoupled, `p ← p − ηλp`.
 *
 * @example
 * ```ts
 * import { sgd } from '@tessera/optim';
 * const tx = sgd({ learningRate: 0.1, momentum: 0.9, nesterov: true, weightDecay: 5e-4 });
 * ```
 * @throws ValidationError for an out-of-range option or Nesterov without momentum / with dampening
 * @see Robbins & Monro, "A Stochastic Approximation Method", Ann. Math. Statist. 1951
 * @see Sutskever et al., "On the importance of initialization and momentum in deep learning", ICML 2013
 */
export function sgd(options: SgdOptions = {}): GradientTransform<ChainState> {
  const c = resolveCommon('sgd', options);
  const momentum = c.pick('momentum', 0, 0, { min: 0, max: 1 });
  const dampening = c.pick('dampening', 0, 0, { min: 0, max: 1 });
  const nesterov = optionalBoolean(c.options.nesterov, false, 'sgd(nesterov)');
  if (nesterov && (momentum <= 0 || dampening !== 0)) {
    throw new ValidationError(
      `Nesterov momentum needs momentum > 0 and dampening 0, received momentum ${momentum} and dampening ${dampening}`,
      { where: 'sgd(nesterov)' },
    );
  }
  if (c.keras && dampening !== 0) {
    throw ValidationError.expected('no dampening with the Keras convention', dampening, 'sgd(dampening)');
  }
  const momentumStep = momentum > 0 && trace({ decay: momentum, dampening, nesterov });
  return c.keras
    ? chainOf(learningRateStep(c), momentumStep, kerasDecay(c))
    : chainOf(coupledDecay(c), momentumStep, learningRateStep(c));
}
