import type { ChainState } from '../transform/chain.js';
import { scaleByAdadelta } from '../transform/scale-by-adadelta.js';
import type { GradientTransform } from '../transform/types.js';
import { type CommonOptimizerOptions, resolveCommon, scaleThenStep } from './common.js';

/** Options of {@link adadelta}. */
export interface AdadeltaOptions extends CommonOptimizerOptions {
  /** Decay of both running averages; default 0.9 (PyTorch) or 0.95 (Keras). */
  readonly rho?: number;
  /** Default 1e-6 (PyTorch) or 1e-7 (Keras). */
  readonly epsilon?: number;
}

/**
 * Adadelta, with the update computed from the *current* squared-gradient average (tfjs's
 * `tf.train.adadelta` uses the previous one, so its first step is `−η·g`). PyTorch: `lr` 1.0, ρ 0.9,
 * ε 1e-6, coupled `weightDecay`; Keras: `lr` 1e-3, ρ 0.95, ε 1e-7, decoupled `weightDecay` — the same
 * update rule otherwise.
 *
 * @example
 * ```ts
 * import { adadelta } from '@tessera/optim';
 * const tx = adadelta({ rho: 0.95 });
 * ```
 * @throws ValidationError for an out-of-range option
 * @see Zeiler, "ADADELTA: An Adaptive Learning Rate Method", 2012
 */
export function adadelta(options: AdadeltaOptions = {}): GradientTransform<ChainState> {
  const c = resolveCommon('adadelta', options);
  const scale = scaleByAdadelta({
    rho: c.pick('rho', 0.9, 0.95, { min: 0, max: 1 }),
    epsilon: c.pick('epsilon', 1e-6, 1e-7, { min: 0 }),
  });
  return scaleThenStep(c, scale);
}
