import { ShapeError, ValidationError } from '@tessera/core';
import { assertFinite } from '../input/batch-layout.js';
import { readBatch } from '../input/read-batch.js';
import {
  EMPTY_REGRESSION,
  mergeRegression,
  type RegressionState,
  regressionBatch,
} from '../math/regression-moments.js';
import { averageOutputs, type Multioutput } from '../math/regression-scores.js';
import type { Metric } from '../metric.js';

/** Options of the regression metrics. */
export interface RegressionOptions<M extends Multioutput = Multioutput> {
  /** How per-output scores combine for `[n, d]` data. Default `'uniformAverage'`, as in scikit-learn. */
  readonly multioutput?: M;
}

/** Transforms a batch's values before accumulating (e.g. `log1p` for MSLE), validating them. */
export type ValueTransform = (values: ArrayLike<number>, where: string) => ArrayLike<number>;

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  const strip = (s: readonly number[]) => (s.length > 1 && s[s.length - 1] === 1 ? s.slice(0, -1) : s);
  const x = strip(a);
  const y = strip(b);
  return x.length === y.length && x.every((d, i) => d === y[i]);
}

/**
 * Builds a regression metric over {@link RegressionState}: targets and predictions of equal shape `[n]` or
 * `[n, d]` (d outputs), scored per output by `perOutput` and combined by `multioutput`.
 * @example
 * ```ts
 * import { meanSquaredErrors, regressionMetric } from '@tessera/metrics';
 * const mse = regressionMetric('mse', meanSquaredErrors, {}, ['uniformAverage', 'rawValues']);
 * ```
 * @throws ValidationError if `multioutput` is not one of `allowed` or an array of non-negative weights
 */
export function regressionMetric<Result extends number | number[]>(
  name: string,
  perOutput: (state: RegressionState) => number[],
  options: RegressionOptions,
  allowed: readonly Multioutput[],
  transform?: ValueTransform,
): Metric<RegressionState, Result> {
  const multioutput = options.multioutput ?? 'uniformAverage';
  const isWeights = Array.isArray(multioutput);
  if (isWeights ? !multioutput.every((w) => Number.isFinite(w) && w >= 0) : !allowed.includes(multioutput)) {
    throw ValidationError.expected(
      `${allowed.map((a) => `'${a}'`).join(', ')} or an array of output weights`,
      multioutput,
      `${name}({ multioutput })`,
    );
  }
  return {
    name,
    init: () => EMPTY_REGRESSION,
    async update(state, targets, predictions, sampleWeight) {
      const batch = await readBatch(name, targets, predictions, sampleWeight);
      const { targets: t, predictions: p, layout } = batch;
      if (!sameShape(t.shape, p.shape) || t.values.length !== p.values.length) {
        throw ShapeError.mismatch(p.shape, t.shape, batch.where('targets'));
      }
      assertFinite(t.values, batch.where('targets'));
      const outputs = layout.width;
      if (state.outputs !== 0 && layout.rows > 0 && outputs !== state.outputs) {
        throw ShapeError.mismatch([layout.rows, state.outputs], p.shape, batch.where('predictions'));
      }
      if (isWeights && layout.rows > 0 && multioutput.length !== outputs) {
        throw ValidationError.expected(
          `${outputs} multioutput weights, one per output`,
          multioutput,
          `${name}({ multioutput })`,
        );
      }
      if (layout.rows === 0) return state;
      const y = transform ? transform(t.values, batch.where('targets')) : t.values;
      const yHat = transform ? transform(p.values, batch.where('predictions')) : p.values;
      return mergeRegression(state, regressionBatch(y, yHat, outputs, batch.weights));
    },
    merge(a, b) {
      if (a.outputs !== 0 && b.outputs !== 0 && a.outputs !== b.outputs) {
        throw new ShapeError(`Cannot merge regression states of ${a.outputs} and ${b.outputs} outputs`, {
          where: `${name}.merge`,
        });
      }
      return mergeRegression(a, b);
    },
    compute(state) {
      const scores = perOutput(state);
      if (multioutput === 'rawValues') return scores as Result;
      if (state.outputs === 0) return Number.NaN as Result;
      return averageOutputs(scores, multioutput, state.m2True) as Result;
    },
  };
}
