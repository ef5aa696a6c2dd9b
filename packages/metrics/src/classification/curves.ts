import { ValidationError } from '@tessera/core';
import { choiceOption, integerOption } from '../input/check-options.js';
import { readBatch } from '../input/read-batch.js';
import { binaryCurve } from '../math/binary-curve.js';
import { averageOneVsRest, type MulticlassAverage } from '../math/one-vs-rest.js';
import {
  averagePrecisionFromCounts,
  type PrecisionRecallCurve,
  precisionRecallFromCounts,
} from '../math/precision-recall-curve.js';
import { type RocCurve, rocCurveFromCounts } from '../math/roc.js';
import type { Metric } from '../metric.js';
import {
  appendScores,
  checkScores,
  EMPTY_SCORES,
  flattenScores,
  mergeScores,
  type ScoreState,
  scoreChunk,
} from './score-state.js';

/** Options of the curve metrics. */
export interface CurveOptions {
  /** For `[n, k]` scores: the class whose column is scored against the rest. Required then. */
  readonly positiveClass?: number;
  /** Number of classes; fixes the score width. */
  readonly numClasses?: number;
}

function scoreMetric<Result>(
  name: string,
  options: CurveOptions,
  compute: (state: ScoreState) => Result,
  binaryOnly: boolean,
): Metric<ScoreState, Result> {
  const numClasses = integerOption(options.numClasses, undefined, 2, `${name}({ numClasses })`);
  const positiveClass = integerOption(options.positiveClass, undefined, 0, `${name}({ positiveClass })`);
  return {
    name,
    init: () => EMPTY_SCORES,
    async update(state, targets, predictions, sampleWeight) {
      const batch = await readBatch(name, targets, predictions, sampleWeight);
      const labels = checkScores(batch, state.width, numClasses, false);
      const width = batch.layout.width;
      if (binaryOnly && width > 1 && (positiveClass === undefined || positiveClass >= width)) {
        throw ValidationError.expected(
          `a positiveClass in [0, ${width}) for ${width} scores per row`,
          positiveClass,
          `${name}({ positiveClass })`,
        );
      }
      if (binaryOnly && width === 1 && positiveClass !== undefined && positiveClass !== 1) {
        throw ValidationError.expected(
          'positiveClass 1 (or none) for one score per row',
          positiveClass,
          `${name}({ positiveClass })`,
        );
      }
      return appendScores(state, scoreChunk(batch, labels), width);
    },
    merge: mergeScores,
    compute,
  };
}

function binaryView(state: ScoreState, positiveClass: number | undefined) {
  const { labels, scores, weights } = flattenScores(state);
  if (state.width <= 1) return binaryCurve(labels, scores, weights);
  const c = positiveClass!;
  const column = Float64Array.from(labels, (_, r) => scores[r * state.width + c]!);
  return binaryCurve(
    Uint8Array.from(labels, (l) => (l === c ? 1 : 0)),
    column,
    weights,
  );
}

/**
 * Points of the ROC curve (false and true positive rates at each distinct threshold), for plotting with
 * {@link rocCurveSvg}. Binary scores, or one class of `[n, k]` scores via `positiveClass`.
 * @example
 * ```ts
 * import { evaluateMetric, rocCurve } from '@tessera/metrics';
 * const { fpr, tpr } = await evaluateMetric(rocCurve(), [0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
 * // fpr [0, 0, 0.5, 0.5, 1], tpr [0, 0.5, 0.5, 1, 1]
 * ```
 * @throws ValidationError for invalid options or labels out of range
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.metrics.roc_curve.html
 */
export function rocCurve(
  options: CurveOptions & { readonly dropIntermediate?: boolean } = {},
): Metric<ScoreState, RocCurve> {
  const drop = options.dropIntermediate ?? true;
  return scoreMetric(
    'rocCurve',
    options,
    (s) => rocCurveFromCounts(binaryView(s, options.positiveClass), drop),
    true,
  );
}

/**
 * Precision and recall at each distinct threshold (scikit-learn's order: thresholds increasing).
 * @example
 * ```ts
 * import { evaluateMetric, precisionRecallCurve } from '@tessera/metrics';
 * const { precision, recall } = await evaluateMetric(precisionRecallCurve(), [0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
 * ```
 * @throws ValidationError for invalid options or labels out of range
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.metrics.precision_recall_curve.html
 */
export function precisionRecallCurve(options: CurveOptions = {}): Metric<ScoreState, PrecisionRecallCurve> {
  return scoreMetric(
    'precisionRecallCurve',
    options,
    (s) => precisionRecallFromCounts(binaryView(s, options.positiveClass)),
    true,
  );
}

/** Options of {@link averagePrecision}. */
export interface AveragePrecisionOptions {
  /** One-vs-rest averaging for `[n, k]` scores. Default `'macro'`. */
  readonly average?: MulticlassAverage;
  readonly numClasses?: number;
}

/**
 * Average precision (area under the step precision-recall curve): binary, or one-vs-rest for `[n, k]`
 * scores averaged `macro`, `weighted` or `micro`. Keeps every score, like exact ROC AUC.
 * @example
 * ```ts
 * import { averagePrecision, evaluateMetric } from '@tessera/metrics';
 * await evaluateMetric(averagePrecision(), [0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); // ≈ 0.8333
 * ```
 * @throws ValidationError for invalid options or labels out of range
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.metrics.average_precision_score.html
 */
export function averagePrecision(options: AveragePrecisionOptions = {}): Metric<ScoreState, number> {
  const average = choiceOption(
    options.average,
    'macro',
    ['macro', 'weighted', 'micro'],
    'averagePrecision({ average })',
  );
  const ap = (positive: ArrayLike<number>, scores: ArrayLike<number>, weights: ArrayLike<number> | null) =>
    averagePrecisionFromCounts(binaryCurve(positive, scores, weights));
  const compute = (state: ScoreState) => {
    if (state.width === 0) return Number.NaN;
    const { labels, scores, weights } = flattenScores(state);
    return state.width === 1
      ? ap(labels, scores, weights)
      : averageOneVsRest(ap, labels, scores, weights, state.width, average);
  };
  const numClasses = options.numClasses;
  return scoreMetric('averagePrecision', numClasses === undefined ? {} : { numClasses }, compute, false);
}
