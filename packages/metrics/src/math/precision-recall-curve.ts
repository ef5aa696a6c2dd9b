import type { BinaryCurve } from './binary-curve.js';

/**
 * A precision-recall curve in scikit-learn's order: thresholds increase, recall decreases, and a final
 * point (precision 1, recall 0) with no threshold closes the curve.
 */
export interface PrecisionRecallCurve {
  readonly precision: number[];
  readonly recall: number[];
  readonly thresholds: number[];
}

/**
 * Precision and recall at every distinct threshold. Precision is 0 where nothing is predicted positive;
 * without positives recall is 1 everywhere (scikit-learn 1.2's convention).
 * @example
 * ```ts
 * precisionRecallFromCounts(binaryCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8], null)).precision;
 * // [0.5, 0.667, 0.5, 1, 1]
 * ```
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.metrics.precision_recall_curve.html
 */
export function precisionRecallFromCounts(curve: BinaryCurve): PrecisionRecallCurve {
  const { fps, tps, thresholds } = curve;
  const n = tps.length;
  const totalPositive = n > 0 ? tps[n - 1]! : 0;
  const precision: number[] = [];
  const recall: number[] = [];
  const ascending: number[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const predicted = tps[i]! + fps[i]!;
    precision.push(predicted === 0 ? 0 : tps[i]! / predicted);
    recall.push(totalPositive === 0 ? 1 : tps[i]! / totalPositive);
    ascending.push(thresholds[i]!);
  }
  precision.push(1);
  recall.push(0);
  return { precision, recall, thresholds: ascending };
}

/**
 * Average precision: the step-function integral `Σ (R_n − R_{n−1}) P_n` of the precision-recall curve,
 * without interpolation.
 * @example
 * ```ts
 * averagePrecisionFromCounts(binaryCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8], null)); // ≈ 0.8333
 * ```
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.metrics.average_precision_score.html
 */
export function averagePrecisionFromCounts(curve: BinaryCurve): number {
  const { precision, recall } = precisionRecallFromCounts(curve);
  let sum = 0;
  for (let i = 0; i < recall.length - 1; i++) sum += (recall[i + 1]! - recall[i]!) * precision[i]!;
  return -sum;
}
