import { ValidationError } from '@tessera/core';
import { targetLabels } from '../input/batch-layout.js';
import { integerOption } from '../input/check-options.js';
import { readBatch } from '../input/read-batch.js';
import { topKHits } from '../math/top-k.js';
import { addToMean, EMPTY_MEAN, meanOf, mergeMeans, type WeightedMeanState } from '../math/weighted-mean.js';
import type { Metric } from '../metric.js';

/** Options of {@link topKAccuracy}. */
export interface TopKAccuracyOptions {
  /** How many of the highest scores may contain the true class. Default 5, as in Keras. */
  readonly k?: number;
}

/**
 * Top-k accuracy: the share of rows whose true class (an integer, or the argmax of a one-hot row) is among
 * the `k` highest of its `[n, numClasses]` scores, with scikit-learn's tie-breaking (among equal scores the
 * higher class index ranks first; Keras instead counts every tied class as in the top k).
 * @example
 * ```ts
 * import { evaluateMetric, topKAccuracy } from '@tessera/metrics';
 * await evaluateMetric(topKAccuracy({ k: 2 }), [2, 0], [[0.1, 0.6, 0.3], [0.05, 0.05, 0.9]]); // 0.5
 * ```
 * @throws ValidationError for an invalid `k`, labels out of range, or predictions without a class axis
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.metrics.top_k_accuracy_score.html
 */
export function topKAccuracy(options: TopKAccuracyOptions = {}): Metric<WeightedMeanState> {
  const k = integerOption(options.k, 5, 1, 'topKAccuracy({ k })');
  const name = 'topKAccuracy';
  return {
    name,
    init: () => EMPTY_MEAN,
    async update(state, targets, predictions, sampleWeight) {
      const batch = await readBatch(name, targets, predictions, sampleWeight);
      const { layout } = batch;
      if (layout.width < 2 && layout.rows > 0) {
        throw new ValidationError(
          `Expected predictions of shape [n, numClasses] with numClasses >= 2, received shape [${batch.predictions.shape.join(', ')}]`,
          { where: batch.where('predictions') },
        );
      }
      const labels = targetLabels(
        batch.targets,
        layout,
        batch.predictions.shape,
        batch.where('targets'),
        layout.width,
      );
      return addToMean(state, topKHits(labels, batch.predictions.values, layout.width, k), batch.weights);
    },
    merge: mergeMeans,
    compute: meanOf,
  };
}
