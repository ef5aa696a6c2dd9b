import { ValidationError } from '@tessera/core';
import type { ModelStore } from '../save/model-store.js';
import { type SaveModelOptions, saveModel } from '../save/tessera-format.js';
import type { Logs } from '../training/training-types.js';
import type { Callback, CallbackContext } from './callback.js';
import { type MonitorMode, monitorDirection } from './monitor.js';

/** Options of {@link ModelCheckpoint}. */
export interface ModelCheckpointOptions extends SaveModelOptions {
  /** Where to save: one store (overwritten), or a store per epoch. */
  store: ModelStore | ((epoch: number, logs: Logs) => ModelStore);
  /** Default `'val_loss'`. */
  monitor?: string;
  mode?: MonitorMode;
  /** Save only when the monitored value improves on the best so far (default false: every epoch). */
  saveBestOnly?: boolean;
}

/**
 * Saves the model (Tessera format) at the end of epochs (Keras `ModelCheckpoint`); with `saveBestOnly`, only
 * when the monitored value improves. In Node, pass `directoryStore(dir)`; in browsers `indexedDbStore(key)`.
 * @throws ValidationError when `store` is missing
 * @see https://keras.io/api/callbacks/model_checkpoint/
 * @example
 * ```ts
 * const checkpoint = new ModelCheckpoint({ store: directoryStore('ckpt/best'), monitor: 'val_accuracy', saveBestOnly: true });
 * ```
 */
export class ModelCheckpoint implements Callback {
  readonly monitor: string;
  readonly direction: 'min' | 'max';
  readonly saveBestOnly: boolean;
  /** The best monitored value saved so far, and the epochs saved. */
  best = Number.NaN;
  readonly savedEpochs: number[] = [];

  constructor(readonly options: ModelCheckpointOptions) {
    if (!options?.store)
      throw ValidationError.expected('a store', options?.store, 'ModelCheckpoint({ store })');
    this.monitor = options.monitor ?? 'val_loss';
    this.direction = monitorDirection(this.monitor, options.mode ?? 'auto', 'ModelCheckpoint');
    this.saveBestOnly = options.saveBestOnly ?? false;
  }

  onTrainBegin(): void {
    this.best = this.direction === 'min' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  }

  async onEpochEnd(epoch: number, logs: Logs, context: CallbackContext): Promise<void> {
    if (this.saveBestOnly) {
      const current = logs[this.monitor];
      if (current === undefined || Number.isNaN(current)) return;
      const better = this.direction === 'min' ? current < this.best : current > this.best;
      if (!better) return;
      this.best = current;
    }
    const store =
      typeof this.options.store === 'function' ? this.options.store(epoch, logs) : this.options.store;
    await saveModel(
      context.model,
      store,
      this.options.includeOptimizer === undefined ? {} : { includeOptimizer: this.options.includeOptimizer },
    );
    this.savedEpochs.push(epoch);
  }
}
