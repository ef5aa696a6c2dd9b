import { ValidationError } from '@tessera/core';

/** How a schedule was built: its registry name (`schedule:<name>`) and options, for serialisation. */
export interface ScheduleConfig {
  readonly name: string;
  readonly options: Readonly<Record<string, unknown>>;
}

/**
 * A learning-rate (or any hyper-parameter) schedule: a pure function of the 0-based step number, i.e. the
 * number of updates already applied. Schedules built by this package carry their `config`, so optimizers
 * that use them can be saved and rebuilt through the registry.
 *
 * @example
 * ```ts
 * import { cosineDecaySchedule } from '@tessera/optim';
 * const lr = cosineDecaySchedule({ initialValue: 0.1, decaySteps: 100 });
 * lr(50); // 0.05
 * ```
 */
export interface Schedule {
  (step: number): number;
  readonly config?: ScheduleConfig;
}

/** A learning rate: a constant or a {@link Schedule}. */
export type LearningRate = number | Schedule;

/**
 * Makes a {@link Schedule} from a step function, attaching `{ name, options }` so optimizers using it can be
 * serialised (register a `schedule:<name>` plugin that rebuilds it from `options`), and validating the step
 * argument on every call.
 * @example
 * ```ts
 * import { makeSchedule } from '@tessera/optim';
 * const inverseSqrt = makeSchedule('inverseSqrt', { peak: 1e-3 }, (step) => 1e-3 / Math.sqrt(step + 1));
 * ```
 * @throws ValidationError (when called) if the step is negative or not finite
 */
export function makeSchedule(
  name: string,
  options: Record<string, unknown>,
  fn: (step: number) => number,
): Schedule {
  const schedule = (step: number): number => {
    if (typeof step !== 'number' || !Number.isFinite(step) || step < 0) {
      throw ValidationError.expected('a finite step number >= 0', step, `schedule:${name}`);
    }
    return fn(step);
  };
  return Object.assign(schedule, { config: Object.freeze({ name, options: Object.freeze({ ...options }) }) });
}

/**
 * Turns a learning rate into a schedule, validating a constant up front.
 * @throws ValidationError if `value` is neither a finite number nor a function
 */
export function toSchedule(value: LearningRate, where: string): Schedule {
  if (typeof value === 'function') return value;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw ValidationError.expected('a finite learning rate or a schedule function', value, where);
  }
  return makeSchedule('constant', { value }, () => value);
}

/**
 * Evaluates a schedule and checks that it produced a finite number.
 * @throws ValidationError if the schedule returned NaN, ±Infinity or a non-number
 */
export function evaluateSchedule(schedule: Schedule, step: number, where: string): number {
  const value = schedule(step);
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw ValidationError.expected(`a finite value from the schedule at step ${step}`, value, where);
  }
  return value;
}
