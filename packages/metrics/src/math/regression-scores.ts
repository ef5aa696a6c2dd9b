import type { RegressionState } from './regression-moments.js';

/**
 * How per-output scores combine: `rawValues` keeps them, `uniformAverage` takes their mean,
 * `varianceWeighted` (R² and explained variance only) weights them by each output's target variance, and an
 * array gives explicit weights.
 */
export type Multioutput = 'uniformAverage' | 'rawValues' | 'varianceWeighted' | readonly number[];

const nanFor = (s: RegressionState) => new Array<number>(Math.max(s.outputs, 1)).fill(Number.NaN);

function perWeight(s: RegressionState, sums: readonly number[]): number[] {
  return s.weight > 0 ? sums.map((v) => v / s.weight) : nanFor(s);
}

/**
 * Mean squared error per output.
 * @example
 * ```ts
 * meanSquaredErrors(regressionBatch([1, 2], [1, 3], 1, null)); // [0.5]
 * ```
 */
export function meanSquaredErrors(s: RegressionState): number[] {
  return perWeight(s, s.squaredError);
}

/**
 * Mean absolute error per output.
 * @example
 * ```ts
 * meanAbsoluteErrors(regressionBatch([1, 2], [1, 3], 1, null)); // [0.5]
 * ```
 */
export function meanAbsoluteErrors(s: RegressionState): number[] {
  return perWeight(s, s.absoluteError);
}

/**
 * Mean absolute percentage error per output (a fraction, not percent; |y| below 2⁻⁵² counts as 2⁻⁵²).
 * @example
 * ```ts
 * meanAbsolutePercentageErrors(regressionBatch([1, 2], [1, 3], 1, null)); // [0.25]
 * ```
 */
export function meanAbsolutePercentageErrors(s: RegressionState): number[] {
  return perWeight(s, s.absolutePercentageError);
}

// scikit-learn's `force_finite`: a perfect fit scores 1 even for constant targets; an imperfect fit of
// constant targets scores 0 instead of −∞.
function assemble(numerator: number, denominator: number): number {
  if (numerator === 0) return 1;
  return denominator === 0 ? 0 : 1 - numerator / denominator;
}

/**
 * R² (coefficient of determination) per output; NaN with fewer than two rows, as in scikit-learn.
 * @example
 * ```ts
 * r2Scores(regressionBatch([1, 2, 3], [1, 2, 4], 1, null)); // [0.5]
 * ```
 */
export function r2Scores(s: RegressionState): number[] {
  if (s.count < 2 || !(s.weight > 0)) return nanFor(s);
  return s.squaredError.map((num, o) => assemble(num, s.m2True[o]!));
}

/**
 * Explained variance `1 − Var(y − ŷ) / Var(y)` per output.
 * @example
 * ```ts
 * explainedVariances(regressionBatch([1, 2, 3], [2, 3, 4], 1, null)); // [1]
 * ```
 */
export function explainedVariances(s: RegressionState): number[] {
  if (!(s.weight > 0)) return nanFor(s);
  return s.m2Error.map((num, o) => assemble(num / s.weight, s.m2True[o]! / s.weight));
}

/**
 * Combines per-output scores as scikit-learn's `multioutput` does.
 * @example
 * ```ts
 * averageOutputs([0.5, 1], 'uniformAverage', [1, 1]); // 0.75
 * ```
 */
export function averageOutputs(
  scores: number[],
  multioutput: Exclude<Multioutput, 'rawValues'>,
  variances: readonly number[],
): number {
  let weights: readonly number[] | null = null;
  if (Array.isArray(multioutput)) weights = multioutput;
  else if (multioutput === 'varianceWeighted' && variances.some((v) => v !== 0)) weights = variances;
  if (weights === null) return scores.reduce((a, b) => a + b, 0) / scores.length;
  const total = weights.reduce((a, b) => a + b, 0);
  return scores.reduce((a, v, i) => a + v * weights[i]!, 0) / total;
}
