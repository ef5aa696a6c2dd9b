import { checkNumber } from '../internal/validate.js';
import { makeSchedule, type Schedule } from './types.js';

/**
 * A schedule that always returns `value`.
 * @example
 * ```ts
 * import { constantSchedule } from '@tessera/optim';
 * constantSchedule(0.01)(1000); // 0.01
 * ```
 * @throws ValidationError if `value` is not finite
 */
export function constantSchedule(value: number): Schedule {
  checkNumber(value, {}, 'constantSchedule(value)');
  return makeSchedule('constant', { value }, () => value);
}
