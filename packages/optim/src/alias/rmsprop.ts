import { optionalBoolean } from '../internal/validate.js';
import type { ChainState } from '../transform/chain.js';
import { scaleByRms } from '../transform/scale-by-rms.js';
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

/** Options of {@link rmsprop}. */
export interface RmspropOptions extends CommonOptimizerOptions {
  /** Decay of the squared-gradient average (PyTorch `alpha`, Keras `rho`); default 0.99 / 0.9. */
  readonly rho?: number;
  /** Default 1e-8 / 1e-7. */
  readonly epsilon?: number;
  /** Momentum μ; default 0. */
  readonly momentum?: number;
  /** Divide by an estimate of the variance instead of the second moment; default false. */
  readonly centered?: boolean;
}

/**
 * RMSprop. PyTorch (`lr` 1e-2, α 0.99, ε 1e-8): `v ← αv + (1−α)g²`, `b ← μb + g/(√v + ε)`, `p ← p − ηb`.
 * Keras (`lr` 1e-3, ρ 0.9, ε 1e-7): ε goes inside the root, `g/√(v + ε)`, the learning rate goes inside the
 * momentum (`m ← μm + ηg/√(v + ε)`), and `weightDecay` is decoupled. Centred, both use `v − ḡ²`.
 *
 * @example
 * ```ts
 * import { rmsprop } from '@tessera/optim';
 * const tx = rmsprop({ learningRate: 1e-3, momentum: 0.9, centered: true });
 * ```
 * @throws ValidationError for an out-of-range option
 * @see Tieleman & Hinton, Lecture 6.5 "rmsprop", COURSERA: Neural Networks for Machine Learning, 2012
 * @see Graves, "Generating Sequences With Recurrent Neural Networks", 2013 (centred RMSprop)
 */
export function rmsprop(options: RmspropOptions = {}): GradientTransform<ChainState> {
  const c = resolveCommon('rmsprop', options);
  const momentum = c.pick('momentum', 0, 0, { min: 0, max: 1 });
  const scale = scaleByRms({
    decay: c.pick('rho', 0.99, 0.9, { min: 0, max: 1 }),
    epsilon: c.pick('epsilon', 1e-8, 1e-7, { min: 0 }),
    centered: optionalBoolean(options.centered, false, 'rmsprop(centered)'),
    epsilonPlacement: c.keras ? 'keras' : 'pytorch',
  });
  const momentumStep = momentum > 0 && trace({ decay: momentum });
  return c.keras
    ? chainOf(scale, learningRateStep(c), momentumStep, kerasDecay(c))
    : chainOf(coupledDecay(c), scale, momentumStep, learningRateStep(c));
}
