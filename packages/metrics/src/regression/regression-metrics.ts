import { ValidationError } from '@tessera/core';
import type { RegressionState } from '../math/regression-moments.js';
import {
  explainedVariances,
  meanAbsoluteErrors,
  meanAbsolutePercentageErrors,
  meanSquaredErrors,
  type Multioutput,
  r2Scores,
} from '../math/regression-scores.js';
import type { Metric } from '../metric.js';
import { type RegressionOptions, regressionMetric } from './regression-metric.js';

export type AveragedMultioutput = Exclude<Multioutput, 'rawValues'>;
export type ErrorAverage = 'uniformAverage' | readonly number[];
const ERRORS: readonly Multioutput[] = ['uniformAverage', 'rawValues'];
const SCORES: readonly Multioutput[] = ['uniformAverage', 'rawValues', 'varianceWeighted'];

/**
 * Mean squared error, per output then averaged (scikit-learn's `mean_squared_error`).
 * @example
 * ```ts
 * import { evaluateMetric, meanSquaredError } from '@tessera/metrics';
 * await evaluateMetric(meanSquaredError(), [3, -0.5, 2, 7], [2.5, 0, 2, 8]); // 0.375
 * ```
 * @throws ValidationError for an invalid `multioutput`
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.metrics.mean_squared_error.html
 */
export function meanSquaredError(options: RegressionOptions<'rawValues'>): Metric<RegressionState, number[]>;
export function meanSquaredError(options?: RegressionOptions<ErrorAverage>): Metric<RegressionState, number>;
export function meanSquaredError(options: RegressionOptions = {}) {
  return regressionMetric('meanSquaredError', meanSquaredErrors, options, ERRORS);
}

/**
 * Root mean squared error: the square root of each output's MSE, then averaged.
 * @example
 * ```ts
 * import { evaluateMetric, rootMeanSquaredError } from '@tessera/metrics';
 * await evaluateMetric(rootMeanSquaredError(), [3, -0.5, 2, 7], [2.5, 0, 2, 8]); // ≈ 0.6124
 * ```
 * @throws ValidationError for an invalid `multioutput`
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.metrics.mean_squared_error.html (`squared=False`)
 */
export function rootMeanSquaredError(
  options: RegressionOptions<'rawValues'>,
): Metric<RegressionState, number[]>;
export function rootMeanSquaredError(
  options?: RegressionOptions<ErrorAverage>,
): Metric<RegressionState, number>;
export function rootMeanSquaredError(options: RegressionOptions = {}) {
  return regressionMetric(
    'rootMeanSquaredError',
    (s) => meanSquaredErrors(s).map(Math.sqrt),
    options,
    ERRORS,
  );
}

/**
 * Mean absolute error.
 * @example
 * ```ts
 * import { evaluateMetric, meanAbsoluteError } from '@tessera/metrics';
 * await evaluateMetric(meanAbsoluteError(), [3, -0.5, 2, 7], [2.5, 0, 2, 8]); // 0.5
 * ```
 * @throws ValidationError for an invalid `multioutput`
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.metrics.mean_absolute_error.html
 */
export function meanAbsoluteError(options: RegressionOptions<'rawValues'>): Metric<RegressionState, number[]>;
export function meanAbsoluteError(options?: RegressionOptions<ErrorAverage>): Metric<RegressionState, number>;
export function meanAbsoluteError(options: RegressionOptions = {}) {
  return regressionMetric('meanAbsoluteError', meanAbsoluteErrors, options, ERRORS);
}

/**
 * Mean absolute percentage error `|y − ŷ| / max(|y|, 2⁻⁵²)`, as a fraction (not multiplied by 100).
 * @example
 * ```ts
 * import { evaluateMetric, meanAbsolutePercentageError } from '@tessera/metrics';
 * await evaluateMetric(meanAbsolutePercentageError(), [3, -0.5, 2, 7], [2.5, 0, 2, 8]); // ≈ 0.3274
 * ```
 * @throws ValidationError for an invalid `multioutput`
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.metrics.mean_absolute_percentage_error.html
 */
export function meanAbsolutePercentageError(
  options: RegressionOptions<'rawValues'>,
): Metric<RegressionState, number[]>;
export function meanAbsolutePercentageError(
  options?: RegressionOptions<ErrorAverage>,
): Metric<RegressionState, number>;
export function meanAbsolutePercentageError(options: RegressionOptions = {}) {
  return regressionMetric('meanAbsolutePercentageError', meanAbsolutePercentageErrors, options, ERRORS);
}

/**
 * R², averaged per output (scikit-learn's default), not pooled as `tf.metrics.r2Score` does. Constant
 * targets give 1 for a perfect fit and 0 otherwise (`force_finite`); fewer than two rows give NaN.
 * @example
 * ```ts
 * import { evaluateMetric, r2Score } from '@tessera/metrics';
 * await evaluateMetric(r2Score(), [3, -0.5, 2, 7], [2.5, 0, 2, 8]); // ≈ 0.9486
 * ```
 * @throws ValidationError for an invalid `multioutput`
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.metrics.r2_score.html
 */
export function r2Score(options: RegressionOptions<'rawValues'>): Metric<RegressionState, number[]>;
export function r2Score(options?: RegressionOptions<AveragedMultioutput>): Metric<RegressionState, number>;
export function r2Score(options: RegressionOptions = {}) {
  return regressionMetric('r2', r2Scores, options, SCORES);
}

/**
 * Explained variance `1 − Var(y − ŷ) / Var(y)` per output, then averaged.
 * @example
 * ```ts
 * import { evaluateMetric, explainedVariance } from '@tessera/metrics';
 * await evaluateMetric(explainedVariance(), [3, -0.5, 2, 7], [2.5, 0, 2, 8]); // ≈ 0.9572
 * ```
 * @throws ValidationError for an invalid `multioutput`
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.metrics.explained_variance_score.html
 */
export function explainedVariance(options: RegressionOptions<'rawValues'>): Metric<RegressionState, number[]>;
export function explainedVariance(
  options?: RegressionOptions<AveragedMultioutput>,
): Metric<RegressionState, number>;
export function explainedVariance(options: RegressionOptions = {}) {
  return regressionMetric('explainedVariance', explainedVariances, options, SCORES);
}

function log1pNonNegative(values: ArrayLike<number>, where: string): Float64Array {
  return Float64Array.from(values as ArrayLike<number>, (v, i) => {
    if (v < 0)
      throw new ValidationError(
        `Expected non-negative values for a logarithmic error, received ${v} at index ${i}`,
        { where },
      );
    return Math.log1p(v);
  });
}

/**
 * Mean squared logarithmic error `mean((log(1 + y) − log(1 + ŷ))²)`; targets and predictions must be ≥ 0.
 * @example
 * ```ts
 * import { evaluateMetric, meanSquaredLogError } from '@tessera/metrics';
 * await evaluateMetric(meanSquaredLogError(), [3, 5, 2.5, 7], [2.5, 5, 4, 8]); // ≈ 0.0397
 * ```
 * @throws ValidationError for an invalid `multioutput` or negative values
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.metrics.mean_squared_log_error.html
 */
export function meanSquaredLogError(
  options: RegressionOptions<'rawValues'>,
): Metric<RegressionState, number[]>;
export function meanSquaredLogError(
  options?: RegressionOptions<ErrorAverage>,
): Metric<RegressionState, number>;
export function meanSquaredLogError(options: RegressionOptions = {}) {
  return regressionMetric('meanSquaredLogError', meanSquaredErrors, options, ERRORS, log1pNonNegative);
}
