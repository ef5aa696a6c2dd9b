import { ValidationError } from '@tessera/core';
import type { Logs } from '../training/training-types.js';
import type { Callback, CallbackContext } from './callback.js';

/**
 * Sets the learning rate at the start of each epoch from `schedule(epoch, currentRate)` (Keras
 * `LearningRateScheduler`) and logs it as `learning_rate`.
 * @throws ValidationError when `schedule` is not a function, or returns a non-finite number
 * @see https://keras.io/api/callbacks/learning_rate_scheduler/
 * @example
 * ```ts
 * const halfEvery10 = new LearningRateScheduler((epoch, lr) => (epoch > 0 && epoch % 10 === 0 ? lr / 2 : lr));
 * ```
 */
export class LearningRateScheduler implements Callback {
  constructor(readonly schedule: (epoch: number, learningRate: number) => number) {
    if (typeof schedule !== 'function')
      throw ValidationError.expected('a schedule function', schedule, 'LearningRateScheduler');
  }

  onEpochBegin(epoch: number, context: CallbackContext): void {
    const optimizer = context.model.optimizer;
    const next = this.schedule(epoch, optimizer.learningRate);
    if (typeof next !== 'number' || !Number.isFinite(next)) {
      throw ValidationError.expected(
        'a finite learning rate from the schedule',
        next,
        `LearningRateScheduler(epoch ${epoch})`,
      );
    }
    optimizer.learningRate = next;
  }

  onEpochEnd(_epoch: number, logs: Logs, context: CallbackContext): void {
    logs.learning_rate = context.model.optimizer.learningRate;
  }
}
