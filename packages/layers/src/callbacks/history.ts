import type { Logs } from '../training/training-types.js';
import type { Callback } from './callback.js';

/**
 * Records the epoch logs of a run (Keras `History`); `fit` returns one.
 * @example
 * ```ts
 * const history = await model.fit(x, y, { epochs: 5, validationSplit: 0.2 });
 * console.log(history.history.loss, history.history.val_loss);
 * ```
 */
export class History implements Callback {
  /** The epochs run (0-based). */
  readonly epoch: number[] = [];
  /** Each log key's value per epoch; a key missing in some epochs (e.g. `validationFreq`) has gaps as NaN. */
  readonly history: Record<string, number[]> = {};

  onEpochEnd(epoch: number, logs: Logs): void {
    const index = this.epoch.length;
    this.epoch.push(epoch);
    for (const key of new Set([...Object.keys(this.history), ...Object.keys(logs)])) {
      let series = this.history[key];
      if (!series) {
        series = new Array<number>(index).fill(Number.NaN);
        this.history[key] = series;
      }
      series.push(logs[key] ?? Number.NaN);
    }
  }
}
