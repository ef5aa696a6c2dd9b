import { checkNumber, optionalBoolean, optionalNumber } from '../internal/validate.js';
import { makeSchedule, type Schedule } from './types.js';

/** Options of {@link polynomialDecaySchedule}. */
export interface PolynomialDecayOptions {
  readonly initialValue: number;
  readonly decaySteps: number;
  /** Value reached at `decaySteps`; default 0 (PyTorch's `PolynomialLR`; Keras defaults to 1e-4). */
  readonly endValue?: number;
  /** Exponent of the decay; default 1 (linear). */
  readonly power?: number;
  /** Restart from a longer period (`decaySteps · ⌈step / decaySteps⌉`) instead of staying at `endValue`. */
  readonly cycle?: boolean;
}

/**
 * `(initialValue − endValue) · (1 − step / decaySteps)^power + endValue`, held at `endValue` after
 * `decaySteps` (or cycling), as Keras's `PolynomialDecay`.
 * @example
 * ```ts
 * import { polynomialDecaySchedule } from '@tessera/optim';
 * polynomialDecaySchedule({ initialValue: 1, decaySteps: 10, power: 2 })(5); // 0.25
 * ```
 * @throws ValidationError if `decaySteps` is not positive or a value is not finite
 * @see https://keras.io/api/optimizers/learning_rate_schedules/polynomial_decay/
 */
export function polynomialDecaySchedule(options: PolynomialDecayOptions): Schedule {
  const where = 'polynomialDecaySchedule';
  const initialValue = checkNumber(options?.initialValue, {}, `${where}(initialValue)`);
  const decaySteps = checkNumber(options?.decaySteps, { minExclusive: 0 }, `${where}(decaySteps)`);
  const endValue = optionalNumber(options?.endValue, 0, {}, `${where}(endValue)`);
  const power = optionalNumber(options?.power, 1, { minExclusive: 0 }, `${where}(power)`);
  const cycle = optionalBoolean(options?.cycle, false, `${where}(cycle)`);
  return makeSchedule('polynomialDecay', { initialValue, decaySteps, endValue, power, cycle }, (step) => {
    let period = decaySteps;
    if (cycle) period = decaySteps * Math.max(1, Math.ceil(step / decaySteps));
    else step = Math.min(step, decaySteps);
    return (initialValue - endValue) * (1 - step / period) ** power + endValue;
  });
}
