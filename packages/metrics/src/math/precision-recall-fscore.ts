import type { ConfusionState } from './confusion-matrix.js';

/**
 * How per-class scores combine: `binary` reports `positiveLabel` only; `micro` pools the counts of all
 * classes; `macro` is the unweighted mean over classes; `weighted` weights each class by its support.
 */
export type ClassAverage = 'binary' | 'micro' | 'macro' | 'weighted';

/** The value a ratio takes when its denominator is zero (scikit-learn's `zero_division`; `'warn'` acts as 0). */
export type ZeroDivision = 0 | 1;

/** Options of {@link precisionRecallFScore}. */
export interface PrecisionRecallFScoreOptions {
  /** Weight of recall against precision; 1 gives F1. Default 1. */
  readonly beta?: number;
  /** Default `'binary'`, as in scikit-learn. */
  readonly average?: ClassAverage;
  /** The class `binary` reports. Default 1. */
  readonly positiveLabel?: number;
  /** Default 0. */
  readonly zeroDivision?: ZeroDivision;
}

/** Per-class precision, recall, F-beta and support (total true weight). */
export interface PerClassScores {
  readonly precision: number[];
  readonly recall: number[];
  readonly fScore: number[];
  readonly support: number[];
}

/** Precision, recall and F-beta of one averaging. */
export interface AveragedScores {
  readonly precision: number;
  readonly recall: number;
  readonly fScore: number;
}

function divide(n: number, d: number, zeroDivision: ZeroDivision): number {
  return d === 0 ? zeroDivision : n / d;
}

function fBeta(p: number, r: number, beta: number): number {
  if (beta === Number.POSITIVE_INFINITY) return r;
  const beta2 = beta * beta;
  const denominator = beta2 * p + r;
  return ((1 + beta2) * p * r) / (denominator === 0 ? 1 : denominator);
}

/**
 * True positives, predicted totals and true totals per class, from a confusion state.
 * @example
 * ```ts
 * classTotals({ numClasses: 2, counts: [3, 1, 0, 2] }); // { tp: [3, 2], predicted: [3, 3], actual: [4, 2] }
 * ```
 */
export function classTotals(state: ConfusionState): { tp: number[]; predicted: number[]; actual: number[] } {
  const k = state.numClasses;
  const tp = new Array<number>(k).fill(0);
  const predicted = new Array<number>(k).fill(0);
  const actual = new Array<number>(k).fill(0);
  for (let t = 0; t < k; t++) {
    for (let p = 0; p < k; p++) {
      const c = state.counts[t * k + p]!;
      actual[t]! += c;
      predicted[p]! += c;
      if (t === p) tp[t] = c;
    }
  }
  return { tp, predicted, actual };
}

/**
 * Per-class precision, recall, F-beta and support, as scikit-learn's `precision_recall_fscore_support`
 * with `average=None` and `labels` = every class.
 * @example
 * ```ts
 * perClassScores({ numClasses: 2, counts: [3, 1, 0, 2] }).precision; // [1, 2/3]
 * ```
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.metrics.precision_recall_fscore_support.html
 */
export function perClassScores(
  state: ConfusionState,
  beta = 1,
  zeroDivision: ZeroDivision = 0,
): PerClassScores {
  const { tp, predicted, actual } = classTotals(state);
  const precision = tp.map((v, c) => divide(v, predicted[c]!, zeroDivision));
  const recall = tp.map((v, c) => divide(v, actual[c]!, zeroDivision));
  const fScore = precision.map((p, c) => fBeta(p, recall[c]!, beta));
  return { precision, recall, fScore, support: actual };
}

/**
 * Averaged precision, recall and F-beta with scikit-learn's semantics, including its special cases
 * (`weighted` with no true samples returns `zeroDivision` or 0 as scikit-learn does).
 * @example
 * ```ts
 * precisionRecallFScore({ numClasses: 2, counts: [3, 1, 0, 2] }).fScore; // 0.8
 * ```
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.metrics.precision_recall_fscore_support.html
 */
export function precisionRecallFScore(
  state: ConfusionState,
  options: PrecisionRecallFScoreOptions = {},
): AveragedScores {
  const { beta = 1, average = 'binary', positiveLabel = 1, zeroDivision = 0 } = options;
  if (average === 'micro') {
    const { tp, predicted, actual } = classTotals(state);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    const precision = divide(sum(tp), sum(predicted), zeroDivision);
    const recall = divide(sum(tp), sum(actual), zeroDivision);
    return { precision, recall, fScore: fBeta(precision, recall, beta) };
  }
  const scores = perClassScores(state, beta, zeroDivision);
  if (average === 'binary') {
    return {
      precision: scores.precision[positiveLabel] ?? zeroDivision,
      recall: scores.recall[positiveLabel] ?? zeroDivision,
      fScore: scores.fScore[positiveLabel] ?? fBeta(zeroDivision, zeroDivision, beta),
    };
  }
  if (average === 'weighted') {
    const total = scores.support.reduce((a, b) => a + b, 0);
    if (total === 0) {
      const anyPredicted = classTotals(state).predicted.some((v) => v !== 0);
      return anyPredicted
        ? { precision: 0, recall: zeroDivision, fScore: 0 }
        : { precision: zeroDivision, recall: zeroDivision, fScore: zeroDivision };
    }
    const mean = (xs: number[]) => xs.reduce((a, x, c) => a + x * scores.support[c]!, 0) / total;
    return { precision: mean(scores.precision), recall: mean(scores.recall), fScore: mean(scores.fScore) };
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return { precision: mean(scores.precision), recall: mean(scores.recall), fScore: mean(scores.fScore) };
}
