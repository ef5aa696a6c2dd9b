import { ascendingOrder } from './ascending-order.js';

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
  const order = ascendingOrder(scores);
  const n = order.length;
  const thresholds = new Float64Array(n);
  const tps = new Float64Array(n);
  const fps = new Float64Array(n);
  let d = -1;
  let tp = 0;
  let fp = 0;
  // Walk from the highest score down; a new threshold starts where the score changes.
  for (let k = n - 1; k >= 0; k--) {
    const i = order[k]!;
    const w = weights === null ? 1 : weights[i]!;
    if (w === 0) continue;
    const score = scores[i]!;
    if (d < 0 || score !== thresholds[d]) {
      d++;
      thresholds[d] = score;
    }
    if (positive[i]) tp += w;
    else fp += w;
    tps[d] = tp;
    fps[d] = fp;
  }
  return { fps: fps.slice(0, d + 1), tps: tps.slice(0, d + 1), thresholds: thresholds.slice(0, d + 1) };
}
