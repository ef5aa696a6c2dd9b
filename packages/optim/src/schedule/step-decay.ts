import { checkNumber, optionalNumber } from '../internal/validate.js';
import { makeSchedule, type Schedule } from './types.js';

/** Options of {@link stepDecaySchedule}. */
export interface StepDecayOptions {
  readonly initialValue: number;
  /** Steps between decays. */
  readonly stepSize: number;
  /** Factor applied at each decay; default 0.1 (PyTorch). */
  readonly gamma?: number;
}

/**
 * `initialValue · gamma^⌊step / stepSize⌋`, PyTorch's `StepLR`.
 * @example
 * ```ts
 * import { stepDecaySchedule } from '@tessera/optim';
 * stepDecaySchedule({ initialValue: 0.1, stepSize: 30 })(65); // 0.001
 * ```
 * @throws ValidationError if `stepSize` is not a positive integer or a value is not finite
 * @see https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.StepLR.html
 */
export function stepDecaySchedule(options: StepDecayOptions): Schedule {
  const initialValue = checkNumber(options?.initialValue, {}, 'stepDecaySchedule(initialValue)');
  const stepSize = checkNumber(options?.stepSize, { min: 1, integer: true }, 'stepDecaySchedule(stepSize)');
  const gamma = optionalNumber(options?.gamma, 0.1, {}, 'stepDecaySchedule(gamma)');
  return makeSchedule('stepDecay', { initialValue, stepSize, gamma }, (step) => {
    return initialValue * gamma ** Math.floor(step / stepSize);
  });
}
