import { ShapeError, ValidationError } from '@tessera/core';
import { targetLabels } from '../input/batch-layout.js';
import { integerOption } from '../input/check-options.js';
import { readBatch } from '../input/read-batch.js';
import { FLOAT32_EPSILON, FLOAT64_EPSILON, logLossTerms } from '../math/log-loss.js';
import { addToMean, EMPTY_MEAN, meanOf, mergeMeans, type WeightedMeanState } from '../math/weighted-mean.js';
import type { Metric } from '../metric.js';

/** Options of {@link logLoss}. */
export interface LogLossOptions {
  /** Number of classes; when given, prediction rows must have that many probabilities (or one for 2). */
  readonly numClasses?: number;
  /**
   * Probabilities are clipped to `[epsilon, 1 − epsilon]`. Default `'auto'`: the machine epsilon of the
   * predictions' storage (float32 tensors and `Float32Array`s: 2⁻²³; otherwise 2⁻⁵²), like scikit-learn.
   */
  readonly epsilon?: number | 'auto';
}

/**
 * Log loss (cross-entropy) of predicted probabilities: `[n]` or `[n, 1]` probabilities of class 1, or
 * `[n, k]` class probabilities, against integer or one-hot targets; the weighted mean over rows.
 * @example
 * ```ts
 * import { evaluateMetric, logLoss } from '@tessera/metrics';
 * await evaluateMetric(logLoss(), [0, 1, 1, 0], [[0.9, 0.1], [0.2, 0.8], [0.3, 0.7], [0.99, 0.01]]); // ≈ 0.1738
 * ```
 * @throws ValidationError for invalid options or labels out of range
 * @throws ShapeError if the probability rows do not match `numClasses`
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.metrics.log_loss.html
 */
export function logLoss(options: LogLossOptions = {}): Metric<WeightedMeanState> {
  const name = 'logLoss';
  const numClasses = integerOption(options.numClasses, undefined, 2, `${name}({ numClasses })`);
  const epsilon = options.epsilon ?? 'auto';
  if (epsilon !== 'auto' && !(typeof epsilon === 'number' && epsilon >= 0 && epsilon < 0.5)) {
    throw ValidationError.expected("'auto' or a number in [0, 0.5)", epsilon, `${name}({ epsilon })`);
  }
  return {
    name,
    init: () => EMPTY_MEAN,
    async update(state, targets, predictions, sampleWeight) {
      const batch = await readBatch(name, targets, predictions, sampleWeight);
      const { layout } = batch;
      const classes = layout.width === 1 ? 2 : layout.width;
      if (numClasses !== undefined && classes !== numClasses) {
        throw ShapeError.mismatch(
          [...layout.batchShape, numClasses],
          batch.predictions.shape,
          batch.where('predictions'),
        );
      }
      const labels = targetLabels(
        batch.targets,
        layout,
        batch.predictions.shape,
        batch.where('targets'),
        classes,
      );
      const eps =
        epsilon === 'auto' ? (batch.predictions.float32 ? FLOAT32_EPSILON : FLOAT64_EPSILON) : epsilon;
      return addToMean(
        state,
        logLossTerms(labels, batch.predictions.values, layout.width, eps),
        batch.weights,
      );
    },
    merge: mergeMeans,
    compute: meanOf,
  };
}
