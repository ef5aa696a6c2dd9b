import { ShapeError, ValidationError } from '@tessera/core';
import type { DenseArray } from './read-input.js';

/** How predictions split into rows: `width` scores per row (1 for a single score or label per row). */
export interface RowLayout {
  readonly rows: number;
  readonly width: number;
  /** The shape of one score per row, i.e. the predictions' shape without the class axis. */
  readonly batchShape: readonly number[];
}

function dropTrailingOne(shape: readonly number[]): readonly number[] {
  return shape.length > 1 && shape[shape.length - 1] === 1 ? shape.slice(0, -1) : shape;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/**
 * Predictions of shape `[..., k]` with `k > 1` are `k` class scores per row; any other shape (`[n]`,
 * `[n, 1]`) holds one value per row.
 */
export function rowLayout(predictions: DenseArray): RowLayout {
  const shape = predictions.shape;
  const last = shape.length >= 2 ? shape[shape.length - 1]! : 1;
  if (last > 1) {
    return { rows: predictions.values.length / last, width: last, batchShape: shape.slice(0, -1) };
  }
  return { rows: predictions.values.length, width: 1, batchShape: dropTrailingOne(shape) };
}

/** @throws ValidationError naming the first NaN or infinite value */
export function assertFinite(values: ArrayLike<number>, where: string): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) {
      throw new ValidationError(`Expected finite numbers, received ${v} at flat index ${i}`, { where });
    }
  }
}

/** Index of the largest value of each row; ties go to the first, as `argmax` does in tfjs and NumPy. */
export function argmaxRows(values: ArrayLike<number>, rows: number, width: number): Int32Array {
  const out = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    const base = r * width;
    let best = 0;
    let bestValue = values[base]!;
    for (let c = 1; c < width; c++) {
      const v = values[base + c]!;
      if (v > bestValue) {
        bestValue = v;
        best = c;
      }
    }
    out[r] = best;
  }
  return out;
}

/** @throws ValidationError at the first value that is not a non-negative integer (below `limit` if given) */
export function toLabels(values: ArrayLike<number>, where: string, limit?: number): Int32Array {
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isInteger(v) || v < 0 || (limit !== undefined && v >= limit)) {
      const range =
        limit === undefined ? 'a non-negative integer class label' : `an integer label in [0, ${limit})`;
      throw new ValidationError(`Expected ${range}, received ${v} at index ${i}`, { where });
    }
    out[i] = v;
  }
  return out;
}

/**
 * Class labels of the targets: integer labels of the predictions' batch shape (optionally with a trailing 1),
 * or one-hot / probability rows of the predictions' own shape (reduced by argmax).
 * @throws ShapeError if the targets fit neither form
 * @throws ValidationError if labels are not non-negative integers below `limit`
 */
export function targetLabels(
  targets: DenseArray,
  layout: RowLayout,
  predictionShape: readonly number[],
  where: string,
  limit?: number,
): Int32Array {
  if (layout.width > 1 && sameShape(targets.shape, predictionShape)) {
    assertFinite(targets.values, where);
    return argmaxRows(targets.values, layout.rows, layout.width);
  }
  if (!sameShape(dropTrailingOne(targets.shape), layout.batchShape)) {
    throw ShapeError.mismatch(layout.batchShape, targets.shape, where);
  }
  return toLabels(targets.values, where, limit);
}

/**
 * Per-row sample weights: one per row, or one per leading (batch) index repeated over the rows it spans.
 * @throws ShapeError if the weight count fits neither
 * @throws ValidationError if a weight is negative or not finite
 */
export function rowWeights(
  weights: DenseArray | undefined,
  layout: RowLayout,
  where: string,
): Float64Array | null {
  if (weights === undefined) return null;
  const n = weights.values.length;
  const leading = layout.batchShape[0] ?? 1;
  if (n !== layout.rows && !(n === leading && leading > 0 && layout.rows % leading === 0)) {
    throw ShapeError.mismatch(layout.batchShape, weights.shape, where);
  }
  const repeat = n === 0 ? 1 : layout.rows / n;
  const out = new Float64Array(layout.rows);
  for (let i = 0; i < n; i++) {
    const w = weights.values[i]!;
    if (!Number.isFinite(w) || w < 0) {
      throw new ValidationError(`Expected finite non-negative sample weights, received ${w} at index ${i}`, {
        where,
      });
    }
    out.fill(w, i * repeat, (i + 1) * repeat);
  }
  return out;
}
