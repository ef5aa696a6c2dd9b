import { ValidationError } from '@tessera/core';
import { constantSparsity, type PruningSchedule, polynomialDecaySparsity } from './pruning-schedule.js';

/**
 * Rebuilds a pruning schedule from its `config` (as stored in a {@link PruneLowMagnitude} wrapper).
 * @throws ValidationError for an unknown class name or bad values
 * @example
 * ```ts
 * const schedule = scheduleFromConfig(wrapper.pruningSchedule);
 * ```
 */
export function scheduleFromConfig(config: Readonly<Record<string, number | string>>): PruningSchedule {
  const { className, ...rest } = config ?? {};
  const n = rest as Record<string, number>;
  if (className === 'PolynomialDecay') {
    return polynomialDecaySparsity({
      initialSparsity: n.initialSparsity!,
      finalSparsity: n.finalSparsity!,
      beginStep: n.beginStep!,
      endStep: n.endStep!,
      power: n.power!,
      frequency: n.frequency!,
    });
  }
  if (className === 'ConstantSparsity') {
    return constantSparsity({
      targetSparsity: n.targetSparsity!,
      beginStep: n.beginStep!,
      endStep: n.endStep!,
      frequency: n.frequency!,
    });
  }
  throw ValidationError.expected(
    'a schedule config of class PolynomialDecay or ConstantSparsity',
    className,
    'scheduleFromConfig',
  );
}
