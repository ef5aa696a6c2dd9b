import { ValidationError } from '@tessera/core';
import type { Logs } from '../training/training-types.js';
import type { Callback, CallbackContext } from './callback.js';
import { type MonitorMode, monitorDirection, nonNegative } from './monitor.js';

/** Options of {@link ReduceLROnPlateau}. */
export interface ReduceLROnPlateauOptions {
  /** Default `'val_loss'`. */
  monitor?: string;
  /** New rate = rate · factor (default 0.1; must be < 1). */
  factor?: number;
  /** Epochs without improvement before reducing (default 10). */
  patience?: number;
  mode?: MonitorMode;
  /** Improvements smaller than this do not count (default 1e-4). */
  minDelta?: number;
  /** Epochs to wait after a reduction before counting again (default 0). */
  cooldown?: number;
  /** The rate never goes below this (default 0). */
  minLearningRate?: number;
}

/**
 * Lowers the optimizer's learning rate when a monitored value plateaus (Keras `ReduceLROnPlateau`, same
 * counting and cooldown rules) and logs the rate as `learning_rate`.
 * @throws ValidationError for a factor outside (0, 1) or negative counts
 * @see https://keras.io/api/callbacks/reduce_lr_on_plateau/
 * @example
 * ```ts
 * const reduce = new ReduceLROnPlateau({ factor: 0.5, patience: 2, minLearningRate: 1e-5 });
 * ```
 */
export class ReduceLROnPlateau implements Callback {
  readonly monitor: string;
  readonly direction: 'min' | 'max';
  readonly factor: number;
  readonly patience: number;
  readonly minDelta: number;
  readonly cooldown: number;
  readonly minLearningRate: number;
  #best = Number.NaN;
  #wait = 0;
  #cooldownLeft = 0;

  constructor(options: ReduceLROnPlateauOptions = {}) {
    const where = 'ReduceLROnPlateau';
    this.monitor = options.monitor ?? 'val_loss';
    this.direction = monitorDirection(this.monitor, options.mode ?? 'auto', where);
    this.factor = options.factor ?? 0.1;
    if (!(this.factor > 0 && this.factor < 1))
      throw ValidationError.expected('a factor in (0, 1)', options.factor, `${where}.factor`);
    this.patience = nonNegative(options.patience, 10, `${where}.patience`);
    this.minDelta = nonNegative(options.minDelta, 1e-4, `${where}.minDelta`);
    this.cooldown = nonNegative(options.cooldown, 0, `${where}.cooldown`);
    this.minLearningRate = nonNegative(options.minLearningRate, 0, `${where}.minLearningRate`);
  }

  onTrainBegin(): void {
    this.#best = this.direction === 'min' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
    this.#wait = 0;
    this.#cooldownLeft = 0;
  }

  onEpochEnd(_epoch: number, logs: Logs, context: CallbackContext): void {
    const optimizer = context.model.optimizer;
    logs.learning_rate = optimizer.learningRate;
    const current = logs[this.monitor];
    if (current === undefined) return;
    if (this.#cooldownLeft > 0) {
      this.#cooldownLeft -= 1;
      this.#wait = 0;
    }
    const better =
      this.direction === 'min' ? current < this.#best - this.minDelta : current > this.#best + this.minDelta;
    if (better) {
      this.#best = current;
      this.#wait = 0;
    } else if (this.#cooldownLeft === 0) {
      this.#wait += 1;
      if (this.#wait >= this.patience) {
        const old = optimizer.learningRate;
        // Compare in float32, as Keras reads the rate: a rate already at its floor stays put.
        if (Math.fround(old) > Math.fround(this.minLearningRate)) {
          optimizer.learningRate = Math.max(old * this.factor, this.minLearningRate);
          this.#cooldownLeft = this.cooldown;
          this.#wait = 0;
        }
      }
    }
  }
}
