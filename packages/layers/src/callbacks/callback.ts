import type { Model } from '../model/model.js';
import type { Logs } from '../training/training-types.js';

/** What `fit` tells callbacks about the run. */
export interface TrainingParams {
  readonly epochs: number;
  readonly initialEpoch: number;
  /** Batches per epoch (`null` when unknown, e.g. a filtered dataset). */
  readonly steps: number | null;
  readonly samples: number | null;
  /** The keys the epoch logs will have (`loss`, metrics, and their `val_` forms when validating). */
  readonly metrics: readonly string[];
}

/** What a callback can reach: the model, the run's parameters, and the switch that stops training. */
export interface CallbackContext {
  readonly model: Model;
  readonly params: TrainingParams;
  /** Set to true to end training after the current batch (Keras's `model.stop_training`). */
  stopTraining: boolean;
}

/**
 * A hook into `fit` (Keras callbacks). Every method is optional and may be async; `fit` awaits each one.
 * Logs hold running means within an epoch (batch hooks) and epoch means plus validation values (epoch
 * hooks). Epochs and batches are 0-based.
 * @example
 * ```ts
 * const printer: Callback = {
 *   onEpochEnd: (epoch, logs) => console.log(epoch, logs.loss),
 * };
 * await model.fit(x, y, { epochs: 3, callbacks: [printer] });
 * ```
 */
export interface Callback {
  onTrainBegin?(context: CallbackContext): void | Promise<void>;
  onTrainEnd?(logs: Logs, context: CallbackContext): void | Promise<void>;
  onEpochBegin?(epoch: number, context: CallbackContext): void | Promise<void>;
  onEpochEnd?(epoch: number, logs: Logs, context: CallbackContext): void | Promise<void>;
  onBatchBegin?(batch: number, context: CallbackContext): void | Promise<void>;
  onBatchEnd?(batch: number, logs: Logs, context: CallbackContext): void | Promise<void>;
}

type Hook = keyof Callback;

/**
 * Calls one hook on every callback in order, awaiting each (so a checkpoint finishes before the next
 * epoch starts). @internal
 */
export async function notify<H extends Hook>(
  callbacks: readonly Callback[],
  hook: H,
  ...args: Parameters<NonNullable<Callback[H]>>
): Promise<void> {
  for (const callback of callbacks) {
    const fn = callback[hook] as ((...a: unknown[]) => void | Promise<void>) | undefined;
    if (fn) await fn.apply(callback, args);
  }
}
