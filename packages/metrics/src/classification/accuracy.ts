import { ShapeError } from '@tessera/core';
import { argmaxRows, toLabels } from '../input/batch-layout.js';
import { numberOption } from '../input/check-options.js';
import { labelPair } from '../input/class-labels.js';
import { type Batch, readBatch } from '../input/read-batch.js';
import { addToMean, EMPTY_MEAN, meanOf, mergeMeans, type WeightedMeanState } from '../math/weighted-mean.js';
import type { Metric } from '../metric.js';

/** Options of the accuracy metrics that read probabilities. */
export interface ThresholdOptions {
  /** A probability `p` predicts 1 when `p > threshold` (Keras's rule). Default 0.5. */
  readonly threshold?: number;
}

function hitRate(
  name: string,
  elementwise: boolean,
  hits: (batch: Batch) => Uint8Array,
): Metric<WeightedMeanState> {
  return {
    name,
    init: () => EMPTY_MEAN,
    async update(state, targets, predictions, sampleWeight) {
      const batch = await readBatch(name, targets, predictions, sampleWeight, elementwise);
      return addToMean(state, hits(batch), batch.weights);
    },
    merge: mergeMeans,
    compute: meanOf,
  };
}

function equal(a: Int32Array, b: Int32Array): Uint8Array {
  const hits = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) hits[i] = a[i] === b[i] ? 1 : 0;
  return hits;
}

function sameSize(batch: Batch): void {
  const { targets, predictions } = batch;
  if (targets.values.length !== predictions.values.length) {
    throw ShapeError.mismatch(predictions.shape, targets.shape, batch.where('targets'));
  }
}

/**
 * Accuracy with Keras's `'accuracy'` resolution, decided per batch from the shapes: predictions with `k > 1`
 * scores per row are reduced by argmax and compared with integer targets (sparse categorical) or with the
 * argmax of same-shaped one-hot targets (categorical); one value per row is compared as a class label when
 * every value is an integer (scikit-learn's `accuracy_score` on labels), and otherwise as a probability
 * thresholded at `p > threshold` against 0/1 targets (binary accuracy). Multi-label sigmoid outputs need
 * {@link binaryAccuracy}, which Keras picks from a binary cross-entropy loss.
 * @example
 * ```ts
 * import { accuracy, evaluateMetric } from '@tessera/metrics';
 * await evaluateMetric(accuracy(), [2, 0], [[0.1, 0.2, 0.7], [0.3, 0.6, 0.1]]); // 0.5
 * ```
 * @throws ValidationError for an invalid threshold
 * @see https://keras.io/api/metrics/accuracy_metrics/
 */
export function accuracy(options: ThresholdOptions = {}): Metric<WeightedMeanState> {
  const threshold = numberOption(options.threshold, 0.5, -Infinity, Infinity, 'accuracy({ threshold })');
  return hitRate('accuracy', false, (batch) => {
    const { trueLabels, predictedLabels } = labelPair(batch, undefined, threshold);
    return equal(trueLabels, predictedLabels);
  });
}

/**
 * Binary accuracy: the share of prediction values whose thresholded class (`p > threshold`) equals the 0/1
 * target at the same position; multi-label outputs count every element, weights are per element or per row.
 * @example
 * ```ts
 * import { binaryAccuracy, evaluateMetric } from '@tessera/metrics';
 * await evaluateMetric(binaryAccuracy(), [[1], [1], [0], [0]], [[0.98], [1], [0], [0.6]]); // 0.75
 * ```
 * @throws ValidationError for an invalid threshold, or targets other than 0 and 1
 * @see https://keras.io/api/metrics/accuracy_metrics/#binaryaccuracy-class
 */
export function binaryAccuracy(options: ThresholdOptions = {}): Metric<WeightedMeanState> {
  const threshold = numberOption(
    options.threshold,
    0.5,
    -Infinity,
    Infinity,
    'binaryAccuracy({ threshold })',
  );
  return hitRate('binaryAccuracy', true, (batch) => {
    sameSize(batch);
    const t = toLabels(batch.targets.values, batch.where('targets'), 2);
    const p = batch.predictions.values;
    const hits = new Uint8Array(t.length);
    for (let i = 0; i < t.length; i++) hits[i] = (p[i]! > threshold ? 1 : 0) === t[i] ? 1 : 0;
    return hits;
  });
}

/**
 * Categorical accuracy: whether the argmax of each prediction row equals the argmax of its one-hot target
 * row (ties go to the first index, as in tfjs).
 * @example
 * ```ts
 * import { categoricalAccuracy, evaluateMetric } from '@tessera/metrics';
 * await evaluateMetric(categoricalAccuracy(), [[0, 0, 1], [0, 1, 0]], [[0.1, 0.9, 0.8], [0.05, 0.95, 0]]); // 0.5
 * ```
 * @throws ShapeError if targets and predictions differ in shape
 * @see https://keras.io/api/metrics/accuracy_metrics/#categoricalaccuracy-class
 */
export function categoricalAccuracy(): Metric<WeightedMeanState> {
  return hitRate('categoricalAccuracy', false, (batch) => {
    const { targets, predictions, layout } = batch;
    if (
      targets.shape.length !== predictions.shape.length ||
      !targets.shape.every((d, i) => d === predictions.shape[i])
    ) {
      throw ShapeError.mismatch(predictions.shape, targets.shape, batch.where('targets'));
    }
    return equal(
      argmaxRows(targets.values, layout.rows, layout.width),
      argmaxRows(predictions.values, layout.rows, layout.width),
    );
  });
}

/**
 * Sparse categorical accuracy: whether the argmax of each prediction row equals its integer target.
 * @example
 * ```ts
 * import { evaluateMetric, sparseCategoricalAccuracy } from '@tessera/metrics';
 * await evaluateMetric(sparseCategoricalAccuracy(), [2, 1], [[0.1, 0.6, 0.3], [0.05, 0.95, 0]]); // 0.5
 * ```
 * @throws ShapeError if the targets do not have the predictions' batch shape
 * @throws ValidationError if a target is not an integer in `[0, k)`
 * @see https://keras.io/api/metrics/accuracy_metrics/#sparsecategoricalaccuracy-class
 */
export function sparseCategoricalAccuracy(): Metric<WeightedMeanState> {
  return hitRate('sparseCategoricalAccuracy', false, (batch) => {
    const { targets, predictions } = batch;
    const where = batch.where('targets');
    const rank = predictions.shape.length;
    const width = rank >= 2 ? predictions.shape[rank - 1]! : 1;
    const rows = predictions.values.length / Math.max(width, 1);
    const batchShape = rank >= 2 ? predictions.shape.slice(0, -1) : predictions.shape;
    const t =
      targets.shape[targets.shape.length - 1] === 1 && targets.shape.length > batchShape.length
        ? targets.shape.slice(0, -1)
        : targets.shape;
    if (t.length !== batchShape.length || !t.every((d, i) => d === batchShape[i])) {
      throw ShapeError.mismatch(batchShape, targets.shape, where);
    }
    return equal(toLabels(targets.values, where, width), argmaxRows(predictions.values, rows, width));
  });
}
