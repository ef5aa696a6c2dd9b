import { ValidationError } from '@tessera/core';
import { checkNumber, optionalNumber } from '../internal/validate.js';
import { constantSchedule } from './constant.js';
import { makeSchedule, type Schedule } from './types.js';

/** Options of {@link linearWarmupSchedule}. */
export interface LinearWarmupOptions {
  /** Number of warm-up steps; `schedule` starts (from its own step 0) once they are done. */
  readonly warmupSteps: number;
  /** Value at step 0; default 0. The ramp ends at `schedule(0)`. */
  readonly initialValue?: number;
}

/**
 * Ramps linearly from `initialValue` to `schedule(0)` over `warmupSteps`, then follows `schedule` shifted by
 * `warmupSteps` (PyTorch's `LinearLR` followed by another scheduler in `SequentialLR`).
 *
 * @example
 * ```ts
 * import { cosineDecaySchedule, linearWarmupSchedule } from '@tessera/optim';
 * const lr = linearWarmupSchedule(cosineDecaySchedule({ initialValue: 1e-3, decaySteps: 1000 }), { warmupSteps: 100 });
 * lr(50); // 5e-4
 * ```
 * @throws ValidationError if `warmupSteps` is not a non-negative integer or `schedule` is not a function or number
 * @see Goyal et al., "Accurate, Large Minibatch SGD: Training ImageNet in 1 Hour", 2017 (gradual warm-up)
 */
export function linearWarmupSchedule(schedule: Schedule | number, options: LinearWarmupOptions): Schedule {
  const where = 'linearWarmupSchedule';
  const after = typeof schedule === 'number' ? constantSchedule(schedule) : schedule;
  if (typeof after !== 'function')
    throw ValidationError.expected('a schedule function or number', schedule, `${where}(schedule)`);
  const warmupSteps = checkNumber(options?.warmupSteps, { min: 0, integer: true }, `${where}(warmupSteps)`);
  const initialValue = optionalNumber(options?.initialValue, 0, {}, `${where}(initialValue)`);
  const peak = after(0);
  return makeSchedule(
    'linearWarmup',
    { warmupSteps, initialValue, schedule: after.config ?? null },
    (step) => {
      if (step < warmupSteps) return initialValue + ((peak - initialValue) * step) / warmupSteps;
      return after(step - warmupSteps);
    },
  );
}
