/**
 * Per-output weighted sums and moments of a regression batch stream. Means and centred second moments are
 * kept (not raw power sums) and merged with Chan et al.'s pairwise update, which avoids the cancellation
 * of `Σy² − (Σy)²/n`. `outputs` is 0 before data.
 */
export interface RegressionState {
  readonly outputs: number;
  /** Rows seen, whatever their weight (R² is undefined below two). */
  readonly count: number;
  readonly weight: number;
  /** Σ w (y − ŷ)² per output. */
  readonly squaredError: readonly number[];
  /** Σ w |y − ŷ| per output. */
  readonly absoluteError: readonly number[];
  /** Σ w |y − ŷ| / max(|y|, ε) per output. */
  readonly absolutePercentageError: readonly number[];
  /** Weighted mean and Σ w (y − ȳ)² of the targets, per output. */
  readonly meanTrue: readonly number[];
  readonly m2True: readonly number[];
  /** Weighted mean and centred Σ w (e − ē)² of the errors e = y − ŷ, per output. */
  readonly meanError: readonly number[];
  readonly m2Error: readonly number[];
}

const ARRAY_FIELDS = [
  'squaredError',
  'absoluteError',
  'absolutePercentageError',
  'meanTrue',
  'm2True',
  'meanError',
  'm2Error',
] as const;

/**
 * The regression state of no data.
 * @example
 * ```ts
 * mergeRegression(EMPTY_REGRESSION, regressionBatch([1, 2], [1, 3], 1, null)).count; // 2
 * ```
 */
export const EMPTY_REGRESSION: RegressionState = Object.freeze({
  outputs: 0,
  count: 0,
  weight: 0,
  ...Object.fromEntries(ARRAY_FIELDS.map((f) => [f, Object.freeze([]) as readonly number[]])),
}) as RegressionState;

/**
 * The state of one batch: `rows × outputs` targets and predictions (row-major) with optional row weights.
 * @example
 * ```ts
 * regressionBatch([1, 2], [1.5, 2], 1, null).squaredError; // [0.25]
 * ```
 */
export function regressionBatch(
  y: ArrayLike<number>,
  yHat: ArrayLike<number>,
  outputs: number,
  weights: ArrayLike<number> | null,
): RegressionState {
  const rows = outputs === 0 ? 0 : y.length / outputs;
  const zeros = () => new Array<number>(outputs).fill(0);
  const s = {
    squaredError: zeros(),
    absoluteError: zeros(),
    absolutePercentageError: zeros(),
    meanTrue: zeros(),
    m2True: zeros(),
    meanError: zeros(),
    m2Error: zeros(),
  };
  let weight = 0;
  for (let r = 0; r < rows; r++) weight += weights === null ? 1 : weights[r]!;
  for (let o = 0; o < outputs; o++) {
    // Means are taken of the values shifted by the first row's, so constant data has exactly zero spread.
    const y0 = y[o]!;
    const e0 = y0 - yHat[o]!;
    let sumY = 0;
    let sumE = 0;
    for (let r = 0; r < rows; r++) {
      const w = weights === null ? 1 : weights[r]!;
      const t = y[r * outputs + o]!;
      const e = t - yHat[r * outputs + o]!;
      s.squaredError[o]! += w * e * e;
      s.absoluteError[o]! += w * Math.abs(e);
      s.absolutePercentageError[o]! += (w * Math.abs(e)) / Math.max(Math.abs(t), 2 ** -52);
      sumY += w * (t - y0);
      sumE += w * (e - e0);
    }
    const meanY = y0 + (weight > 0 ? sumY / weight : 0);
    const meanE = e0 + (weight > 0 ? sumE / weight : 0);
    for (let r = 0; r < rows; r++) {
      const w = weights === null ? 1 : weights[r]!;
      const dy = y[r * outputs + o]! - meanY;
      const de = y[r * outputs + o]! - yHat[r * outputs + o]! - meanE;
      s.m2True[o]! += w * dy * dy;
      s.m2Error[o]! += w * de * de;
    }
    s.meanTrue[o] = meanY;
    s.meanError[o] = meanE;
  }
  return { outputs, count: rows, weight, ...s };
}

/**
 * Combines the states of two disjoint data sets (Chan, Golub & LeVeque's parallel variance update).
 * @example
 * ```ts
 * mergeRegression(regressionBatch([1], [1], 1, null), regressionBatch([3], [2], 1, null)).m2True; // [2]
 * ```
 * @see Chan, Golub & LeVeque (1979), "Updating formulae and a pairwise algorithm for computing sample variances"
 */
export function mergeRegression(a: RegressionState, b: RegressionState): RegressionState {
  if (a.count === 0 && a.weight === 0) return b.outputs === 0 && a.outputs !== 0 ? a : b;
  if (b.count === 0 && b.weight === 0) return a;
  const weight = a.weight + b.weight;
  const fractionB = weight > 0 ? b.weight / weight : 0;
  const cross = weight > 0 ? (a.weight * b.weight) / weight : 0;
  const add = (x: readonly number[], yv: readonly number[]) => x.map((v, i) => v + yv[i]!);
  // A side without weight contributes nothing; taking the other side's moments as they are keeps them exact.
  const mean = (ma: readonly number[], mb: readonly number[]) =>
    b.weight === 0 ? ma : a.weight === 0 ? mb : ma.map((m, i) => m + (mb[i]! - m) * fractionB);
  const m2 = (qa: readonly number[], qb: readonly number[], ma: readonly number[], mb: readonly number[]) =>
    b.weight === 0 ? qa : a.weight === 0 ? qb : qa.map((q, i) => q + qb[i]! + (mb[i]! - ma[i]!) ** 2 * cross);
  return {
    outputs: a.outputs,
    count: a.count + b.count,
    weight,
    squaredError: add(a.squaredError, b.squaredError),
    absoluteError: add(a.absoluteError, b.absoluteError),
    absolutePercentageError: add(a.absolutePercentageError, b.absolutePercentageError),
    meanTrue: mean(a.meanTrue, b.meanTrue),
    m2True: m2(a.m2True, b.m2True, a.meanTrue, b.meanTrue),
    meanError: mean(a.meanError, b.meanError),
    m2Error: m2(a.m2Error, b.m2Error, a.meanError, b.meanError),
  };
}
