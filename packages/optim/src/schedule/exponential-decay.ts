import { checkNumber, optionalBoolean } from '../internal/validate.js';
import { makeSchedule, type Schedule } from './types.js';

/** Options of {@link exponentialDecaySchedule}. */
export interface ExponentialDecayOptions {
  readonly initialValue: number;
  /** Steps over which the value is multiplied by `decayRate` once. */
  readonly decaySteps: number;
  readonly decayRate: number;
  /** Decay in whole intervals (`⌊step / decaySteps⌋`) instead of continuously; default false. */
  readonly staircase?: boolean;
}

/**
 * `initialValue · decayRate^(step / decaySteps)`, Keras's `ExponentialDecay` (PyTorch's `ExponentialLR`
 * is the case `decaySteps = 1`).
 * @example
 * ```ts
 * import { exponentialDecaySchedule } from '@tessera/optim';
 * exponentialDecaySchedule({ initialValue: 1, decaySteps: 10, decayRate: 0.5 })(20); // 0.25
 * ```
 * @throws ValidationError if `decaySteps` is not positive or a value is not finite
 * @see https://keras.io/api/optimizers/learning_rate_schedules/exponential_decay/
 */
export function exponentialDecaySchedule(options: ExponentialDecayOptions): Schedule {
  const where = 'exponentialDecaySchedule';
  const initialValue = checkNumber(options?.initialValue, {}, `${where}(initialValue)`);
  const decaySteps = checkNumber(options?.decaySteps, { minExclusive: 0 }, `${where}(decaySteps)`);
  const decayRate = checkNumber(options?.decayRate, { minExclusive: 0 }, `${where}(decayRate)`);
  const staircase = optionalBoolean(options?.staircase, false, `${where}(staircase)`);
  return makeSchedule('exponentialDecay', { initialValue, decaySteps, decayRate, staircase }, (step) => {
    const p = step / decaySteps;
    return initialValue * decayRate ** (staircase ? Math.floor(p) : p);
  });
}
