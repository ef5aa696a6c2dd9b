import { ValidationError } from '@tessera/core';
import { choiceOption, integerOption, numberOption } from '../input/check-options.js';
import type { ConfusionState } from '../math/confusion-matrix.js';
import {
  type AveragedScores,
  type ClassAverage,
  precisionRecallFScore,
  type ZeroDivision,
} from '../math/precision-recall-fscore.js';
import type { Metric } from '../metric.js';
import { type ClassLabelOptions, confusionMetric } from './confusion-metric.js';

/** Options of {@link precision}, {@link recall}, {@link f1Score} and {@link fBetaScore}. */
export interface PrecisionRecallOptions extends ClassLabelOptions {
  /** Default `'binary'` (scikit-learn's default), which needs two classes; use `'macro'` etc. otherwise. */
  readonly average?: ClassAverage;
  /** The class `'binary'` reports. Default 1. */
  readonly positiveLabel?: number;
  /** Value of a ratio with a zero denominator (scikit-learn's `zero_division`). Default 0. */
  readonly zeroDivision?: ZeroDivision;
}

/** Options of {@link fBetaScore}. */
export interface FBetaOptions extends PrecisionRecallOptions {
  /** Weight of recall against precision (`Infinity` gives recall). Required. */
  readonly beta: number;
}

const AVERAGES: readonly ClassAverage[] = ['binary', 'micro', 'macro', 'weighted'];

function scoreMetric(
  name: string,
  options: PrecisionRecallOptions & { beta?: number },
  pick: (s: AveragedScores) => number,
): Metric<ConfusionState, number> {
  const average = choiceOption(options.average, 'binary', AVERAGES, `${name}({ average })`);
  const positiveLabel = integerOption(options.positiveLabel, 1, 0, `${name}({ positiveLabel })`);
  const zeroDivision = choiceOption<ZeroDivision>(
    options.zeroDivision,
    0,
    [0, 1],
    `${name}({ zeroDivision })`,
  );
  const beta = numberOption(options.beta, 1, 0, Number.POSITIVE_INFINITY, `${name}({ beta })`);
  const check = (state: ConfusionState, where: string) => {
    if (average !== 'binary') return;
    if (state.numClasses > 2) {
      throw new ValidationError(
        `average 'binary' needs two classes, but the data has ${state.numClasses}; use average 'micro', 'macro' or 'weighted'`,
        { where },
      );
    }
    if (positiveLabel > 1)
      throw ValidationError.expected('positiveLabel 0 or 1 for binary data', positiveLabel, where);
  };
  const compute = (state: ConfusionState) =>
    pick(precisionRecallFScore(state, { average, positiveLabel, zeroDivision, beta }));
  return confusionMetric(name, options, compute, check);
}

/**
 * Precision `tp / (tp + fp)`, averaged as scikit-learn's `precision_score`.
 * @example
 * ```ts
 * import { evaluateMetric, precision } from '@tessera/metrics';
 * await evaluateMetric(precision(), [0, 1, 1, 0], [0.2, 0.9, 0.4, 0.7]); // 0.5
 * ```
 * @throws ValidationError for invalid options, or binary averaging of multiclass data
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.metrics.precision_score.html
 */
export function precision(options: PrecisionRecallOptions = {}): Metric<ConfusionState, number> {
  return scoreMetric('precision', options, (s) => s.precision);
}

/**
 * Recall `tp / (tp + fn)`, averaged as scikit-learn's `recall_score`.
 * @example
 * ```ts
 * import { evaluateMetric, recall } from '@tessera/metrics';
 * await evaluateMetric(recall({ average: 'macro' }), [0, 1, 2, 2], [0, 2, 2, 1]); // 0.5
 * ```
 * @throws ValidationError for invalid options, or binary averaging of multiclass data
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.metrics.recall_score.html
 */
export function recall(options: PrecisionRecallOptions = {}): Metric<ConfusionState, number> {
  return scoreMetric('recall', options, (s) => s.recall);
}

/**
 * F1, the harmonic mean of precision and recall, averaged as scikit-learn's `f1_score`.
 * @example
 * ```ts
 * import { evaluateMetric, f1Score } from '@tessera/metrics';
 * await evaluateMetric(f1Score({ average: 'micro' }), [0, 1, 2, 2], [0, 2, 2, 1]); // 0.5
 * ```
 * @throws ValidationError for invalid options, or binary averaging of multiclass data
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.metrics.f1_score.html
 */
export function f1Score(options: PrecisionRecallOptions = {}): Metric<ConfusionState, number> {
  return scoreMetric('f1', { ...options, beta: 1 }, (s) => s.fScore);
}

/**
 * F-beta `(1 + β²) P R / (β² P + R)`, averaged as scikit-learn's `fbeta_score`.
 * @example
 * ```ts
 * import { evaluateMetric, fBetaScore } from '@tessera/metrics';
 * await evaluateMetric(fBetaScore({ beta: 2 }), [0, 1, 1, 0], [0, 1, 0, 1]); // 0.5
 * ```
 * @throws ValidationError for invalid options (beta must be >= 0), or binary averaging of multiclass data
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.metrics.fbeta_score.html
 */
export function fBetaScore(options: FBetaOptions): Metric<ConfusionState, number> {
  if (options?.beta === undefined)
    throw ValidationError.expected('a beta >= 0', undefined, 'fBeta({ beta })');
  return scoreMetric('fBeta', options, (s) => s.fScore);
}
