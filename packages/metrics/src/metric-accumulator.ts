import type { Metric, MetricInput } from './metric.js';

/**
 * A metric together with its current state, for training loops that update one metric batch after batch.
 * The state stays a plain value (`accumulator.state`), so it can still be saved, sent or merged.
 */
export interface MetricAccumulator<State, Result> {
  readonly metric: Metric<State, Result>;
  /** The state of everything folded in since the last reset. */
  readonly state: State;
  /** Folds a batch in. Updates run one after another even when not awaited. */
  update(targets: MetricInput, predictions: MetricInput, sampleWeight?: MetricInput): Promise<void>;
  /** Merges another state (e.g. a worker's) into this one. */
  mergeState(other: State): void;
  /** The metric's value now. */
  result(): Result;
  /** Back to the state of no data. */
  reset(): void;
}

/**
 * Wraps a metric and a state that updates in place, the convenience a `fit` loop wants.
 * @example
 * ```ts
 * import { accuracy, createMetricAccumulator } from '@tessera/metrics';
 * const acc = createMetricAccumulator(accuracy());
 * await acc.update([1, 0], [0.8, 0.3]);
 * acc.result(); // 1
 * acc.reset();
 * ```
 */
export function createMetricAccumulator<State, Result>(
  metric: Metric<State, Result>,
): MetricAccumulator<State, Result> {
  let state = metric.init();
  let pending: Promise<void> = Promise.resolve();
  return {
    metric,
    get state() {
      return state;
    },
    update(targets, predictions, sampleWeight) {
      // Chained so that un-awaited updates cannot interleave and lose a batch.
      const next = pending.then(async () => {
        state = await metric.update(state, targets, predictions, sampleWeight);
      });
      pending = next.catch(() => undefined);
      return next;
    },
    mergeState(other) {
      state = metric.merge(state, other);
    },
    result: () => metric.compute(state),
    reset() {
      state = metric.init();
    },
  };
}
