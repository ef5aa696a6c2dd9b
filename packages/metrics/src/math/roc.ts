import { type BinaryCurve, binaryCurve } from './binary-curve.js';

/** Points of a ROC curve, from (0, 0) to (1, 1); `thresholds[0]` is `Infinity` (nothing predicted positive). */
export interface RocCurve {
  readonly fpr: number[];
  readonly tpr: number[];
  readonly thresholds: number[];
}

/**
 * The ROC curve of a binary curve. With `dropIntermediate`, points collinear with their neighbours are
 * dropped (they do not change the plot or the area), as scikit-learn does. Rates are NaN when there are no
 * negatives (fpr) or no positives (tpr).
 * @example
 * ```ts
 * rocCurveFromCounts(binaryCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8], null)).fpr; // [0, 0, 0.5, 0.5, 1]
 * ```
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.metrics.roc_curve.html (since 1.3 its first
 * threshold is also `inf`)
 */
export function rocCurveFromCounts(curve: BinaryCurve, dropIntermediate = true): RocCurve {
  const { fps, tps, thresholds } = curve;
  const n = fps.length;
  let keep: number[] = Array.from({ length: n }, (_, i) => i);
  if (dropIntermediate && n > 2) {
    keep = [0];
    for (let i = 1; i < n - 1; i++) {
      const secondFps = fps[i + 1]! - fps[i]! - (fps[i]! - fps[i - 1]!);
      const secondTps = tps[i + 1]! - tps[i]! - (tps[i]! - tps[i - 1]!);
      if (secondFps !== 0 || secondTps !== 0) keep.push(i);
    }
    keep.push(n - 1);
  }
  const lastFp = n > 0 ? fps[n - 1]! : 0;
  const lastTp = n > 0 ? tps[n - 1]! : 0;
  const rate = (v: number, total: number) => (total > 0 ? v / total : Number.NaN);
  return {
    fpr: [rate(0, lastFp), ...keep.map((i) => rate(fps[i]!, lastFp))],
    tpr: [rate(0, lastTp), ...keep.map((i) => rate(tps[i]!, lastTp))],
    thresholds: [Number.POSITIVE_INFINITY, ...keep.map((i) => thresholds[i]!)],
  };
}

/**
 * Exact area under the ROC curve by the trapezoidal rule over distinct thresholds, so a tied
 * positive/negative pair counts one half. NaN when either class has no weight.
 * @example
 * ```ts
 * areaUnderRoc(binaryCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8], null)); // 0.75
 * ```
 * @see Hanley & McNeil (1982), "The meaning and use of the area under a ROC curve"
 */
export function areaUnderRoc(curve: BinaryCurve): number {
  const { fps, tps } = curve;
  const n = fps.length;
  if (n === 0 || fps[n - 1]! <= 0 || tps[n - 1]! <= 0) return Number.NaN;
  let area = 0;
  let prevFp = 0;
  let prevTp = 0;
  for (let i = 0; i < n; i++) {
    area += (fps[i]! - prevFp) * (tps[i]! + prevTp);
    prevFp = fps[i]!;
    prevTp = tps[i]!;
  }
  return area / (2 * fps[n - 1]! * tps[n - 1]!);
}

/**
 * Exact binary ROC AUC of raw labels and scores.
 * @example
 * ```ts
 * binaryRocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8], null); // 0.75
 * ```
 */
export function binaryRocAuc(
  positive: ArrayLike<number>,
  scores: ArrayLike<number>,
  weights: ArrayLike<number> | null,
): number {
  return areaUnderRoc(binaryCurve(positive, scores, weights));
}
