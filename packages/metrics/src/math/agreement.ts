import type { ConfusionState } from './confusion-matrix.js';
import { classTotals } from './precision-recall-fscore.js';

/** Disagreement weights of Cohen's kappa: none (nominal classes), or by class distance (ordinal classes). */
export type KappaWeighting = 'none' | 'linear' | 'quadratic';

/**
 * Matthews correlation coefficient (the multiclass R_K statistic); 0 when it is undefined, as in
 * scikit-learn.
 * @example
 * ```ts
 * matthewsCorrelationFromConfusion({ numClasses: 2, counts: [1, 1, 0, 2] }); // ≈ 0.5774
 * ```
 * @see Gorodkin (2004), "Comparing two K-category assignments by a K-category correlation coefficient"
 */
export function matthewsCorrelationFromConfusion(state: ConfusionState): number {
  const { tp, predicted, actual } = classTotals(state);
  const correct = tp.reduce((a, b) => a + b, 0);
  const n = predicted.reduce((a, b) => a + b, 0);
  const dot = (x: number[], y: number[]) => x.reduce((a, v, i) => a + v * y[i]!, 0);
  const covTruePred = correct * n - dot(actual, predicted);
  const covPredPred = n * n - dot(predicted, predicted);
  const covTrueTrue = n * n - dot(actual, actual);
  if (covPredPred * covTrueTrue === 0) return 0;
  return covTruePred / Math.sqrt(covTrueTrue * covPredPred);
}

/**
 * Cohen's kappa between true and predicted classes. Class indices are the ordinal positions for the
 * `linear` and `quadratic` weightings. NaN when the expected disagreement is zero (a single class).
 * @example
 * ```ts
 * cohenKappaFromConfusion({ numClasses: 2, counts: [2, 1, 0, 1] }); // 0.5
 * ```
 * @see Cohen (1960), "A coefficient of agreement for nominal scales"
 */
export function cohenKappaFromConfusion(state: ConfusionState, weighting: KappaWeighting = 'none'): number {
  const k = state.numClasses;
  const { predicted, actual } = classTotals(state);
  const n = predicted.reduce((a, b) => a + b, 0);
  let observed = 0;
  let expected = 0;
  for (let t = 0; t < k; t++) {
    for (let p = 0; p < k; p++) {
      const d = Math.abs(t - p);
      const w = weighting === 'none' ? (d === 0 ? 0 : 1) : weighting === 'linear' ? d : d * d;
      observed += w * state.counts[t * k + p]!;
      expected += (w * actual[t]! * predicted[p]!) / n;
    }
  }
  return expected === 0 ? Number.NaN : 1 - observed / expected;
}

/**
 * Balanced accuracy: the mean recall over classes that have true samples; with `adjusted`, rescaled so
 * that chance scores 0. NaN without data.
 * @example
 * ```ts
 * balancedAccuracyFromConfusion({ numClasses: 2, counts: [3, 1, 0, 2] }); // 0.875
 * ```
 * @see Brodersen et al. (2010), "The balanced accuracy and its posterior distribution"
 */
export function balancedAccuracyFromConfusion(state: ConfusionState, adjusted = false): number {
  const { tp, actual } = classTotals(state);
  const recalls = tp.flatMap((v, c) => (actual[c] === 0 ? [] : [v / actual[c]!]));
  if (recalls.length === 0) return Number.NaN;
  let score = recalls.reduce((a, b) => a + b, 0) / recalls.length;
  if (adjusted) {
    const chance = 1 / recalls.length;
    score = (score - chance) / (1 - chance);
  }
  return score;
}
