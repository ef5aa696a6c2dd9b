import { ShapeError, ValidationError } from '@tessera/core';
import { argmaxRows, targetLabels, toLabels } from './batch-layout.js';
import type { Batch } from './read-batch.js';

/** True and predicted class labels of a batch, one per row. */
export interface LabelPair {
  readonly trueLabels: Int32Array;
  readonly predictedLabels: Int32Array;
}

function allIntegers(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isInteger(values[i])) return false;
  return true;
}

/**
 * Turns a batch into label pairs. Predictions of shape `[n, k]` (k > 1) are scores reduced by argmax; a
 * single value per row is a class label when every value of the batch is an integer, and otherwise a
 * probability of class 1 thresholded at `p > threshold` (Keras's rule), which needs binary targets. Labels
 * 0 and 1 read the same either way, so the rule is consistent across batches.
 * @throws ShapeError if the score width differs from `numClasses`
 * @throws ValidationError if a label is out of range, or probabilities meet non-binary targets
 */
export function labelPair(batch: Batch, numClasses: number | undefined, threshold: number): LabelPair {
  const { layout, predictions } = batch;
  const where = batch.where('predictions');
  if (layout.width > 1) {
    if (numClasses !== undefined && layout.width !== numClasses) {
      throw ShapeError.mismatch([...layout.batchShape, numClasses], predictions.shape, where);
    }
    const predictedLabels = argmaxRows(predictions.values, layout.rows, layout.width);
    const trueLabels = targetLabels(
      batch.targets,
      layout,
      predictions.shape,
      batch.where('targets'),
      layout.width,
    );
    return { trueLabels, predictedLabels };
  }
  if (allIntegers(predictions.values)) {
    const predictedLabels = toLabels(predictions.values, where, numClasses);
    const trueLabels = targetLabels(
      batch.targets,
      layout,
      predictions.shape,
      batch.where('targets'),
      numClasses,
    );
    return { trueLabels, predictedLabels };
  }
  if (numClasses !== undefined && numClasses !== 2) {
    throw new ValidationError(
      `Expected integer class labels or ${numClasses} class scores per row, received probabilities (one non-integer value per row), which only binary problems use`,
      { where },
    );
  }
  const predictedLabels = new Int32Array(layout.rows);
  for (let i = 0; i < layout.rows; i++) predictedLabels[i] = predictions.values[i]! > threshold ? 1 : 0;
  const trueLabels = targetLabels(batch.targets, layout, predictions.shape, batch.where('targets'), 2);
  return { trueLabels, predictedLabels };
}
