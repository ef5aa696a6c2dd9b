import type * as tf from '@tensorflow/tfjs-core';

/** A typed array a metric accepts as a flat (rank-1) input. */
export type NumericArray =
  | Float64Array
  | Float32Array
  | Int32Array
  | Int16Array
  | Int8Array
  | Uint32Array
  | Uint16Array
  | Uint8Array
  | Uint8ClampedArray;

/** A number or a (rectangular) nested array of numbers. */
export type NestedNumbers = number | readonly NestedNumbers[];

/**
 * What `update` accepts for targets, predictions and sample weights: a tfjs tensor (read asynchronously,
 * never disposed by the metric), a typed array (rank 1) or a rectangular nested array of numbers.
 */
export type MetricInput = tf.Tensor | NumericArray | readonly NestedNumbers[];

/**
 * The central abstraction of `@tessera/metrics`: a streaming metric whose state is a plain, JSON-serialisable
 * value. `update` folds a batch into a state and returns a new one (it never mutates its argument), `merge`
 * combines the states of disjoint data (for example of two federated clients) into the state of their union,
 * and `compute` turns a state into the metric's value. Because `merge` is exact, splitting the data in any way
 * and merging gives the value of one pass over all of it (up to floating-point summation order).
 *
 * @typeParam State - the plain value the metric accumulates (counts, moments, kept scores)
 * @typeParam Result - what `compute` returns; a number for most metrics
 * @example
 * ```ts
 * import { f1Score } from '@tessera/metrics';
 * const f1 = f1Score({ average: 'macro' });
 * let state = f1.init();
 * state = await f1.update(state, [0, 1, 2, 2], [0, 2, 2, 2]);
 * const clientState = await f1.update(f1.init(), [1, 0], [1, 0]);
 * f1.compute(f1.merge(state, clientState)); // macro F1 over all six samples
 * ```
 * @see https://scikit-learn.org/stable/modules/model_evaluation.html — the reference semantics
 */
export interface Metric<State, Result = number> {
  /** Name used in logs, histories and error locations, e.g. `'f1'`. */
  readonly name: string;
  /** The state of no data. */
  init(): State;
  /**
   * Folds one batch into `state` and returns the new state. Tensors are read with `await t.data()`; nothing
   * is created on the tfjs engine, so an update leaks no tensors.
   * @throws ShapeError if the inputs' shapes disagree
   * @throws ValidationError if labels are out of range, scores are NaN or infinite, or weights are negative
   */
  update(
    state: State,
    targets: MetricInput,
    predictions: MetricInput,
    sampleWeight?: MetricInput,
  ): Promise<State>;
  /**
   * Combines the states of two disjoint sets of data; pure and synchronous.
   * @throws ValidationError if the states were made with incompatible settings (e.g. class counts)
   */
  merge(a: State, b: State): State;
  /** The metric's value for the data folded into `state`; pure and synchronous. */
  compute(state: State): Result;
}

/** The state type of a metric. */
export type MetricState<M> = M extends Metric<infer S, unknown> ? S : never;

/** The result type of a metric. */
export type MetricResult<M> = M extends Metric<unknown, infer R> ? R : never;

/**
 * One-shot evaluation: `compute(update(init(), targets, predictions, sampleWeight))`.
 *
 * @example
 * ```ts
 * import { evaluateMetric, rocAuc } from '@tessera/metrics';
 * const auc = await evaluateMetric(rocAuc(), [0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); // 0.75
 * ```
 * @throws the errors of the metric's `update`
 */
export async function evaluateMetric<State, Result>(
  metric: Metric<State, Result>,
  targets: MetricInput,
  predictions: MetricInput,
  sampleWeight?: MetricInput,
): Promise<Result> {
  return metric.compute(await metric.update(metric.init(), targets, predictions, sampleWeight));
}
