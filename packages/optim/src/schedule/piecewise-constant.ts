import { ValidationError } from '@tessera/core';
import { checkNumber } from '../internal/validate.js';
import { makeSchedule, type Schedule } from './types.js';

/** Options of {@link piecewiseConstantSchedule}. */
export interface PiecewiseConstantOptions {
  /** Strictly increasing step numbers at which the value changes. */
  readonly boundaries: readonly number[];
  /** One more value than boundaries: `values[i]` holds from `boundaries[i-1]` (inclusive) to `boundaries[i]`. */
  readonly values: readonly number[];
}

/**
 * A step function: `values[k]` where `k` is the number of boundaries `<= step`, so the new value takes
 * effect *at* the boundary step, as with PyTorch's `MultiStepLR`. (Keras's `PiecewiseConstantDecay`
 * switches one step later: it keeps `values[0]` while `step <= boundaries[0]`.)
 *
 * @example
 * ```ts
 * import { piecewiseConstantSchedule } from '@tessera/optim';
 * const lr = piecewiseConstantSchedule({ boundaries: [100, 200], values: [0.1, 0.01, 0.001] });
 * lr(99); // 0.1
 * lr(100); // 0.01
 * ```
 * @throws ValidationError if boundaries are not strictly increasing, or `values.length !== boundaries.length + 1`
 * @see https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.MultiStepLR.html
 */
export function piecewiseConstantSchedule(options: PiecewiseConstantOptions): Schedule {
  const where = 'piecewiseConstantSchedule';
  const { boundaries, values } = options ?? ({} as PiecewiseConstantOptions);
  if (!Array.isArray(boundaries))
    throw ValidationError.expected('an array of boundaries', boundaries, `${where}(boundaries)`);
  if (!Array.isArray(values) || values.length !== boundaries.length + 1) {
    throw ValidationError.expected(
      `${boundaries.length + 1} values (one more than boundaries)`,
      values,
      `${where}(values)`,
    );
  }
  boundaries.forEach((b, i) => {
    checkNumber(
      b,
      { minExclusive: i === 0 ? Number.NEGATIVE_INFINITY : boundaries[i - 1]! },
      `${where}(boundaries[${i}])`,
    );
  });
  values.forEach((v, i) => {
    checkNumber(v, {}, `${where}(values[${i}])`);
  });
  const b = [...boundaries];
  const v = [...values];
  return makeSchedule('piecewiseConstant', { boundaries: b, values: v }, (step) => {
    let k = 0;
    while (k < b.length && step >= b[k]!) k++;
    return v[k]!;
  });
}
