import { labelPair } from '../input/class-labels.js';
import { integerOption, numberOption } from '../input/check-options.js';
import { readBatch } from '../input/read-batch.js';
import {
  accumulateConfusion,
  type ConfusionState,
  emptyConfusion,
  mergeConfusion,
} from '../math/confusion-matrix.js';
import type { Metric } from '../metric.js';

/** How a classification metric reads predictions into class labels. */
export interface ClassLabelOptions {
  /**
   * Number of classes. When given, labels must lie in `[0, numClasses)` and scores must have that many
   * columns; when omitted, it grows with the largest label (or score width) seen, at least 2.
   */
  readonly numClasses?: number;
  /** Probabilities `p` (one value per row) predict class 1 when `p > threshold`. Default 0.5. */
  readonly threshold?: number;
}

/**
 * Builds a metric whose state is a weighted confusion matrix: `update` turns each batch into label pairs
 * (argmax of score rows, integer labels, or thresholded probabilities) and `compute` derives the value.
 *
 * @param name - the metric's name, used in error locations
 * @param check - extra validation of the state after each update (e.g. binary averaging)
 * @example
 * ```ts
 * import { confusionMetric, matthewsCorrelationFromConfusion } from '@tessera/metrics';
 * const mcc = confusionMetric('mcc', {}, matthewsCorrelationFromConfusion);
 * ```
 * @throws ValidationError if `numClasses` or `threshold` is invalid
 */
export function confusionMetric<Result>(
  name: string,
  options: ClassLabelOptions,
  compute: (state: ConfusionState) => Result,
  check?: (state: ConfusionState, where: string) => void,
): Metric<ConfusionState, Result> {
  const numClasses = integerOption(options.numClasses, undefined, 2, `${name}({ numClasses })`);
  const threshold = numberOption(options.threshold, 0.5, -Infinity, Infinity, `${name}({ threshold })`);
  const init = () => emptyConfusion(numClasses ?? 2);
  if (check) check(init(), `${name}(options)`);
  return {
    name,
    init,
    async update(state, targets, predictions, sampleWeight) {
      const batch = await readBatch(name, targets, predictions, sampleWeight);
      const { trueLabels, predictedLabels } = labelPair(batch, numClasses, threshold);
      const next = accumulateConfusion(state, trueLabels, predictedLabels, batch.weights);
      check?.(next, batch.where('targets'));
      return next;
    },
    merge: mergeConfusion,
    compute,
  };
}
