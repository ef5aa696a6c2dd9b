import * as tf from '@tensorflow/tfjs-core';
import type { Logs } from '../training/training-types.js';
import type { Callback, CallbackContext } from './callback.js';
import { type MonitorMode, monitorDirection, nonNegative } from './monitor.js';

/** Options of {@link EarlyStopping}. */
export interface EarlyStoppingOptions {
  /** Default `'val_loss'`. */
  monitor?: string;
  /** A change smaller than this is no improvement (default 0). */
  minDelta?: number;
  /** Epochs without improvement before stopping (default 0). */
  patience?: number;
  mode?: MonitorMode;
  /** Training stops unless the value beats this (counted like the best value). */
  baseline?: number;
  /** Put back the weights of the best epoch when training ends (default false). */
  restoreBestWeights?: boolean;
  /** Epochs to wait before monitoring starts (warm-up; default 0). */
  startFromEpoch?: number;
}

/**
 * Stops training when a monitored value stops improving (Keras `EarlyStopping`, same counting rules),
 * optionally restoring the best epoch's weights at the end. The kept weights are disposed when training
 * ends.
 * @throws ValidationError for negative `minDelta`, `patience` or `startFromEpoch`, or an unknown mode
 * @see https://keras.io/api/callbacks/early_stopping/
 * @example
 * ```ts
 * await model.fit(x, y, { epochs: 100, validationSplit: 0.2, callbacks: [new EarlyStopping({ patience: 3, restoreBestWeights: true })] });
 * ```
 */
export class EarlyStopping implements Callback {
  readonly monitor: string;
  readonly direction: 'min' | 'max';
  readonly minDelta: number;
  readonly patience: number;
  readonly baseline: number | null;
  readonly restoreBestWeights: boolean;
  readonly startFromEpoch: number;
  /** The epoch training stopped at (0 when it ran to the end). */
  stoppedEpoch = 0;
  /** The best value seen and its epoch. */
  best = Number.NaN;
  bestEpoch = 0;
  #wait = 0;
  #bestWeights: tf.Tensor[] | null = null;

  constructor(options: EarlyStoppingOptions = {}) {
    const where = 'EarlyStopping';
    this.monitor = options.monitor ?? 'val_loss';
    this.direction = monitorDirection(this.monitor, options.mode ?? 'auto', where);
    this.minDelta = nonNegative(options.minDelta, 0, `${where}.minDelta`);
    this.patience = nonNegative(options.patience, 0, `${where}.patience`);
    this.baseline = options.baseline ?? null;
    this.restoreBestWeights = options.restoreBestWeights ?? false;
    this.startFromEpoch = nonNegative(options.startFromEpoch, 0, `${where}.startFromEpoch`);
  }

  onTrainBegin(): void {
    this.#wait = 0;
    this.stoppedEpoch = 0;
    this.best = this.direction === 'min' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
    this.bestEpoch = 0;
    this.#keep(null);
  }

  onEpochEnd(epoch: number, logs: Logs, context: CallbackContext): void {
    const current = logs[this.monitor];
    if (current === undefined || epoch < this.startFromEpoch) return;
    if (this.restoreBestWeights && this.#bestWeights === null) {
      this.#keep(context.model.getWeights());
      this.bestEpoch = epoch;
    }
    this.#wait += 1;
    if (this.#improves(current, this.best)) {
      this.best = current;
      this.bestEpoch = epoch;
      if (this.restoreBestWeights) this.#keep(context.model.getWeights());
      if (this.baseline === null || this.#improves(current, this.baseline)) this.#wait = 0;
      return;
    }
    if (this.#wait >= this.patience && epoch > 0) {
      this.stoppedEpoch = epoch;
      context.stopTraining = true;
    }
  }

  onTrainEnd(_logs: Logs, context: CallbackContext): void {
    if (this.restoreBestWeights && this.#bestWeights) context.model.setWeights(this.#bestWeights);
    this.#keep(null);
  }

  #improves(value: number, reference: number): boolean {
    return this.direction === 'min' ? value + this.minDelta < reference : value - this.minDelta > reference;
  }

  #keep(weights: tf.Tensor[] | null): void {
    if (this.#bestWeights) tf.dispose(this.#bestWeights);
    this.#bestWeights = weights;
  }
}
