import { ValidationError } from '@tessera/core';
import { choiceOption, integerOption } from '../input/check-options.js';
import {
  balancedAccuracyFromConfusion,
  cohenKappaFromConfusion,
  type KappaWeighting,
  matthewsCorrelationFromConfusion,
} from '../math/agreement.js';
import { buildClassificationReport, type ClassificationReport } from '../math/classification-report.js';
import {
  type ConfusionNormalization,
  type ConfusionState,
  confusionRows,
  normalizeConfusionMatrix,
} from '../math/confusion-matrix.js';
import type { ZeroDivision } from '../math/precision-recall-fscore.js';
import type { Metric } from '../metric.js';
import { type ClassLabelOptions, confusionMetric } from './confusion-metric.js';

/** Options of {@link confusionMatrix}. */
export interface ConfusionMatrixOptions extends ClassLabelOptions {
  /** Divide by true-class totals (`'true'`), predicted totals (`'pred'`) or everything (`'all'`). */
  readonly normalize?: ConfusionNormalization;
}

/**
 * The (weighted) confusion matrix: rows are true classes, columns predicted classes.
 * @example
 * ```ts
 * import { confusionMatrix, evaluateMetric } from '@tessera/metrics';
 * await evaluateMetric(confusionMatrix(), [0, 1, 1], [0, 1, 0]); // [[1, 0], [1, 1]]
 * ```
 * @throws ValidationError for invalid options
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.metrics.confusion_matrix.html
 */
export function confusionMatrix(options: ConfusionMatrixOptions = {}): Metric<ConfusionState, number[][]> {
  const normalize = options.normalize;
  if (normalize !== undefined)
    choiceOption(normalize, 'true', ['true', 'pred', 'all'], 'confusionMatrix({ normalize })');
  return confusionMetric('confusionMatrix', options, (state) => {
    const rows = confusionRows(state);
    return normalize ? normalizeConfusionMatrix(rows, normalize) : rows;
  });
}

/**
 * Matthews correlation coefficient (0 where undefined, as in scikit-learn).
 * @example
 * ```ts
 * import { evaluateMetric, matthewsCorrelation } from '@tessera/metrics';
 * await evaluateMetric(matthewsCorrelation(), [1, 1, 1, 0], [1, 0, 1, 1]); // -1/3
 * ```
 * @throws ValidationError for invalid options
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.metrics.matthews_corrcoef.html
 */
export function matthewsCorrelation(options: ClassLabelOptions = {}): Metric<ConfusionState, number> {
  return confusionMetric('matthewsCorrelation', options, matthewsCorrelationFromConfusion);
}

/** Options of {@link cohenKappa}. */
export interface CohenKappaOptions extends ClassLabelOptions {
  /** Disagreement weights; `linear` and `quadratic` treat class indices as ordinal. Default `'none'`. */
  readonly weighting?: KappaWeighting;
}

/**
 * Cohen's kappa between targets and predictions (NaN when only one class occurs, where scikit-learn also
 * returns NaN).
 * @example
 * ```ts
 * import { cohenKappa, evaluateMetric } from '@tessera/metrics';
 * await evaluateMetric(cohenKappa(), [0, 0, 1, 1], [0, 1, 1, 1]); // 0.5
 * ```
 * @throws ValidationError for invalid options
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.metrics.cohen_kappa_score.html
 */
export function cohenKappa(options: CohenKappaOptions = {}): Metric<ConfusionState, number> {
  const weighting = choiceOption(
    options.weighting,
    'none',
    ['none', 'linear', 'quadratic'],
    'cohenKappa({ weighting })',
  );
  return confusionMetric('cohenKappa', options, (state) => cohenKappaFromConfusion(state, weighting));
}

/** Options of {@link balancedAccuracy}. */
export interface BalancedAccuracyOptions extends ClassLabelOptions {
  /** Rescale so that chance scores 0 and perfect 1. Default false. */
  readonly adjusted?: boolean;
}

/**
 * Balanced accuracy: mean recall over the classes present in the targets.
 * @example
 * ```ts
 * import { balancedAccuracy, evaluateMetric } from '@tessera/metrics';
 * await evaluateMetric(balancedAccuracy(), [0, 0, 0, 1], [0, 0, 1, 1]); // 5/6
 * ```
 * @throws ValidationError for invalid options
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.metrics.balanced_accuracy_score.html
 */
export function balancedAccuracy(options: BalancedAccuracyOptions = {}): Metric<ConfusionState, number> {
  const adjusted = options.adjusted ?? false;
  return confusionMetric('balancedAccuracy', options, (state) =>
    balancedAccuracyFromConfusion(state, adjusted),
  );
}

/** Options of {@link classificationReport}. */
export interface ClassificationReportMetricOptions extends ClassLabelOptions {
  /** Display names, one per class. */
  readonly targetNames?: readonly string[];
  /** Decimals in the text. Default 2. */
  readonly digits?: number;
  readonly zeroDivision?: ZeroDivision;
}

/**
 * Per-class precision, recall, F1 and support with averages, and the text table scikit-learn prints.
 * @example
 * ```ts
 * import { classificationReport, evaluateMetric } from '@tessera/metrics';
 * const report = await evaluateMetric(classificationReport({ targetNames: ['cat', 'dog'] }), [0, 1, 1], [0, 1, 0]);
 * console.log(report.text);
 * ```
 * @throws ValidationError for invalid options, or when `targetNames` does not name every class
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.metrics.classification_report.html
 */
export function classificationReport(
  options: ClassificationReportMetricOptions = {},
): Metric<ConfusionState, ClassificationReport> {
  const digits = integerOption(options.digits, 2, 0, 'classificationReport({ digits })');
  const zeroDivision = choiceOption<ZeroDivision>(
    options.zeroDivision,
    0,
    [0, 1],
    'classificationReport({ zeroDivision })',
  );
  const targetNames = options.targetNames;
  const check = (state: ConfusionState, where: string) => {
    if (targetNames && targetNames.length !== state.numClasses) {
      throw ValidationError.expected(`${state.numClasses} target names, one per class`, targetNames, where);
    }
  };
  const compute = (state: ConfusionState) => {
    check(state, 'classificationReport.compute');
    return buildClassificationReport(state, {
      digits,
      zeroDivision,
      ...(targetNames ? { targetNames } : {}),
    });
  };
  return confusionMetric('classificationReport', options, compute, numClassesKnownCheck(options, check));
}

function numClassesKnownCheck(options: ClassLabelOptions, check: (s: ConfusionState, where: string) => void) {
  // Without a fixed class count the report may still grow, so names are checked only when computing.
  return options.numClasses === undefined ? undefined : check;
}
