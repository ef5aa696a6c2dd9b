import type { Logs } from '../training/training-types.js';
import type { Callback, CallbackContext } from './callback.js';

/**
 * Stops training as soon as a batch's loss is NaN or infinite (Keras `TerminateOnNaN`). `batch` records
 * where it happened.
 * @see https://keras.io/api/callbacks/terminate_on_nan/
 * @example
 * ```ts
 * const guard = new TerminateOnNaN();
 * await model.fit(x, y, { epochs: 10, callbacks: [guard] });
 * if (guard.stoppedAt) console.warn('diverged at', guard.stoppedAt);
 * ```
 */
export class TerminateOnNaN implements Callback {
  /** `{ epoch, batch }` of the non-finite loss, or null. */
  stoppedAt: { epoch: number; batch: number } | null = null;
  #epoch = 0;

  onEpochBegin(epoch: number): void {
    this.#epoch = epoch;
  }

  onBatchEnd(batch: number, logs: Logs, context: CallbackContext): void {
    const loss = logs.loss;
    if (loss !== undefined && !Number.isFinite(loss)) {
      this.stoppedAt = { epoch: this.#epoch, batch };
      context.stopTraining = true;
    }
  }
}
