/**
 * Cumulative false and true positive weight at each distinct score, highest score first: at threshold
 * `thresholds[i]`, samples scoring `>= thresholds[i]` are predicted positive. Samples of weight zero are
 * left out, as in scikit-learn, so they add no thresholds.
 */
export interface BinaryCurve {
  readonly fps: Float64Array;
  readonly tps: Float64Array;
  readonly thresholds: Float64Array;
}

/**
 * Builds the cumulative counts behind ROC and precision-recall curves. Tied scores form one threshold,
 * which is what makes the AUC treat a tied positive/negative pair as half correct.
 *
 * @param positive - 1 for a positive sample, 0 for a negative one
 * @param scores - one score per sample
 * @param weights - one non-negative weight per sample, or `null` for weight 1
 * @example
 * ```ts
 * const c = binaryCurve([0, 1, 1], [0.2, 0.7, 0.7], null);
 * [...c.thresholds]; // [0.7, 0.2]; c.tps = [2, 2], c.fps = [0, 1]
 * ```
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.metrics.roc_curve.html
 */
export function binaryCurve(
  positive: ArrayLike<number>,
  scores: ArrayLike<number>,
  weights: ArrayLike<number> | null,
): BinaryCurve {
  const n = scores.length;
  const kept = new Float64Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) if (weights === null || weights[i] !== 0) kept[m++] = scores[i]!;
  const sorted = kept.subarray(0, m).sort();
  // Distinct scores in descending order.
  const distinct = new Float64Array(m);
  let d = 0;
  for (let i = m - 1; i >= 0; i--) if (d === 0 || sorted[i] !== distinct[d - 1]) distinct[d++] = sorted[i]!;
  const thresholds = distinct.slice(0, d);
  const tps = new Float64Array(d);
  const fps = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const w = weights === null ? 1 : weights[i]!;
    if (w === 0) continue;
    const at = indexOfDescending(thresholds, scores[i]!);
    if (positive[i]) tps[at]! += w;
    else fps[at]! += w;
  }
  for (let i = 1; i < d; i++) {
    tps[i]! += tps[i - 1]!;
    fps[i]! += fps[i - 1]!;
  }
  return { fps, tps, thresholds };
}

function indexOfDescending(values: Float64Array, x: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! > x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
