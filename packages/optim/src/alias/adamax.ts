import type { ChainState } from '../transform/chain.js';
import { scaleByAdamax } from '../transform/scale-by-adamax.js';
import type { GradientTransform } from '../transform/types.js';
import { type CommonOptimizerOptions, resolveCommon, scaleThenStep } from './common.js';

/** Options of {@link adamax}. */
export interface AdamaxOptions extends CommonOptimizerOptions {
  readonly beta1?: number;
  readonly beta2?: number;
  /** Default 1e-8 (PyTorch) or 1e-7 (Keras). */
  readonly epsilon?: number;
}

/**
 * Adamax. PyTorch (`lr` 2e-3): `u ← max(β₂u, |g| + ε)`, `p ← p − η/(1−β₁ᵗ)·m/u`. Keras (`lr` 1e-3): ε is
 * added outside the maximum, `m/((1−β₁ᵗ)(u + ε))`, and `weightDecay` is decoupled.
 *
 * @example
 * ```ts
 * import { adamax } from '@tessera/optim';
 * const tx = adamax({ learningRate: 2e-3 });
 * ```
 * @throws ValidationError for an out-of-range option
 * @see Kingma & Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015, section 7.1
 */
export function adamax(options: AdamaxOptions = {}): GradientTransform<ChainState> {
  const c = resolveCommon('adamax', options);
  const scale = scaleByAdamax({
    beta1: c.pick('beta1', 0.9, 0.9),
    beta2: c.pick('beta2', 0.999, 0.999),
    epsilon: c.pick('epsilon', 1e-8, 1e-7),
    epsilonPlacement: c.keras ? 'keras' : 'pytorch',
  });
  return scaleThenStep(c, scale);
}
