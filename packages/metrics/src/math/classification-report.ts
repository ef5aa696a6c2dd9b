import type { ConfusionState } from './confusion-matrix.js';
import { formatFixed } from './format-fixed.js';
import { perClassScores, precisionRecallFScore, type ZeroDivision } from './precision-recall-fscore.js';

/** One row of a classification report. */
export interface ClassificationReportRow {
  readonly precision: number;
  readonly recall: number;
  readonly f1Score: number;
  /** Total true weight (the sample count without weights). */
  readonly support: number;
}

/** Per-class and averaged scores, plus scikit-learn's text table of them. */
export interface ClassificationReport {
  readonly classes: readonly (ClassificationReportRow & { readonly label: string })[];
  /** Micro-averaged precision, which is the accuracy when every class is reported. */
  readonly accuracy: number;
  readonly macroAvg: ClassificationReportRow;
  readonly weightedAvg: ClassificationReportRow;
  /** The text table, laid out as scikit-learn's `classification_report`. */
  readonly text: string;
}

/** Options of {@link buildClassificationReport}. */
export interface ClassificationReportOptions {
  /** Display names of the classes, in class order. Default: the class indices. */
  readonly targetNames?: readonly string[];
  /** Decimals in the text table. Default 2. */
  readonly digits?: number;
  readonly zeroDivision?: ZeroDivision;
}

function formatSupport(s: number): string {
  return String(s);
}

/**
 * Builds the classification report of a confusion state: precision, recall, F1 and support per class, the
 * accuracy, and macro and weighted averages, with the text laid out as scikit-learn's (supports are printed
 * as JavaScript numbers, so weighted integral supports lack Python's trailing `.0`).
 * @example
 * ```ts
 * buildClassificationReport({ numClasses: 2, counts: [3, 1, 0, 2] }).accuracy; // 5 / 6
 * ```
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.metrics.classification_report.html
 */
export function buildClassificationReport(
  state: ConfusionState,
  options: ClassificationReportOptions = {},
): ClassificationReport {
  const { digits = 2, zeroDivision = 0 } = options;
  const names = options.targetNames ?? Array.from({ length: state.numClasses }, (_, c) => String(c));
  const per = perClassScores(state, 1, zeroDivision);
  const classes = names.map((label, c) => ({
    label,
    precision: per.precision[c] ?? zeroDivision,
    recall: per.recall[c] ?? zeroDivision,
    f1Score: per.fScore[c] ?? zeroDivision,
    support: per.support[c] ?? 0,
  }));
  const totalSupport = per.support.reduce((a, b) => a + b, 0);
  const averaged = (average: 'micro' | 'macro' | 'weighted'): ClassificationReportRow => {
    const s = precisionRecallFScore(state, { average, zeroDivision });
    return { precision: s.precision, recall: s.recall, f1Score: s.fScore, support: totalSupport };
  };
  const micro = averaged('micro');
  const macroAvg = averaged('macro');
  const weightedAvg = averaged('weighted');

  const width = Math.max(...names.map((n) => n.length), 'weighted avg'.length, digits);
  const cell = (x: number) => ` ${formatFixed(x, digits).padStart(9)}`;
  const line = (label: string, r: ClassificationReportRow) =>
    `${label.padStart(width)} ${cell(r.precision)}${cell(r.recall)}${cell(r.f1Score)} ${formatSupport(r.support).padStart(9)}\n`;
  let text = `${''.padStart(width)} ${['precision', 'recall', 'f1-score', 'support'].map((h) => ` ${h.padStart(9)}`).join('')}\n\n`;
  for (const row of classes) text += line(row.label, row);
  text += '\n';
  text += `${'accuracy'.padStart(width)} ${' '.repeat(20)}${cell(micro.f1Score)} ${formatSupport(totalSupport).padStart(9)}\n`;
  text += line('macro avg', macroAvg);
  text += line('weighted avg', weightedAvg);
  return { classes, accuracy: micro.precision, macroAvg, weightedAvg, text };
}
