import { ShapeError, ValidationError } from '@tessera/core';
import { targetLabels } from '../input/batch-layout.js';
import type { Batch } from '../input/read-batch.js';

/** The labels, scores and weights of one batch, kept as plain arrays. */
export interface ScoreChunk {
  readonly targets: readonly number[];
  /** `targets.length × width` scores, row-major. */
  readonly scores: readonly number[];
  readonly weights: readonly number[] | null;
}

/**
 * The state of the exact ranking metrics (ROC AUC, ROC and precision-recall curves, average precision):
 * every kept score. `width` is 1 for one score per row (binary), else the number of classes; 0 before
 * data. Merging concatenates the chunks, so memory grows with the data.
 */
export interface ScoreState {
  readonly width: number;
  readonly chunks: readonly ScoreChunk[];
}

/** The score state of no data. */
export const EMPTY_SCORES: ScoreState = Object.freeze({
  width: 0,
  chunks: Object.freeze([]) as readonly ScoreChunk[],
});

/**
 * Checks a batch of scores against the state's width and the settings and returns its labels: binary scores need 0/1
 * targets; `[n, k]` scores need labels below k (or one-hot rows); multiclass scores must be probabilities
 * when `requireProbabilities` (rows summing to 1 within 1e-4, loose enough for float32 softmax outputs).
 * @throws ShapeError if the score width differs from the state's or from `numClasses`
 * @throws ValidationError if labels are out of range or rows are not probabilities
 */
export function checkScores(
  batch: Batch,
  stateWidth: number,
  numClasses: number | undefined,
  requireProbabilities: boolean,
): Int32Array {
  const { layout, predictions } = batch;
  const where = batch.where('predictions');
  const width = layout.width;
  const expected = numClasses === undefined ? undefined : numClasses === 2 && width === 1 ? 1 : numClasses;
  if (
    layout.rows > 0 &&
    ((expected !== undefined && width !== expected) || (stateWidth !== 0 && width !== stateWidth))
  ) {
    const columns = expected ?? stateWidth;
    throw ShapeError.mismatch(
      columns === 1 ? layout.batchShape : [...layout.batchShape, columns],
      predictions.shape,
      where,
    );
  }
  const labels = targetLabels(
    batch.targets,
    layout,
    predictions.shape,
    batch.where('targets'),
    width === 1 ? 2 : width,
  );
  if (requireProbabilities && width > 1) {
    for (let r = 0; r < layout.rows; r++) {
      let sum = 0;
      for (let c = 0; c < width; c++) sum += predictions.values[r * width + c]!;
      if (Math.abs(sum - 1) > 1e-4) {
        throw new ValidationError(
          `Expected multiclass scores to be probabilities summing to 1, received a row (index ${r}) summing to ${sum}`,
          { where },
        );
      }
    }
  }
  return labels;
}

/** A batch's labels, scores and weights copied into plain arrays. */
export function scoreChunk(batch: Batch, labels: Int32Array): ScoreChunk {
  return {
    targets: Array.from(labels),
    scores: Array.from(batch.predictions.values),
    weights: batch.weights === null ? null : Array.from(batch.weights),
  };
}

/** Adds a chunk to a score state (empty chunks change nothing). */
export function appendScores(state: ScoreState, chunk: ScoreChunk, width: number): ScoreState {
  if (chunk.targets.length === 0) return state;
  return { width, chunks: [...state.chunks, chunk] };
}

/**
 * Concatenates two score states.
 * @throws ShapeError if they hold different score widths
 */
export function mergeScores(a: ScoreState, b: ScoreState): ScoreState {
  if (a.width !== 0 && b.width !== 0 && a.width !== b.width) {
    throw new ShapeError(`Cannot merge score states of ${a.width} and ${b.width} scores per row`, {
      where: 'merge',
    });
  }
  return { width: a.width || b.width, chunks: [...a.chunks, ...b.chunks] };
}

/** All kept labels, scores and weights as flat arrays (`weights` is null when no chunk had weights). */
export function flattenScores(state: ScoreState): {
  labels: Int32Array;
  scores: Float64Array;
  weights: Float64Array | null;
} {
  const rows = state.chunks.reduce((a, c) => a + c.targets.length, 0);
  const width = Math.max(state.width, 1);
  const labels = new Int32Array(rows);
  const scores = new Float64Array(rows * width);
  const weighted = state.chunks.some((c) => c.weights !== null);
  const weights = weighted ? new Float64Array(rows).fill(1) : null;
  let at = 0;
  for (const chunk of state.chunks) {
    labels.set(chunk.targets, at);
    scores.set(chunk.scores, at * width);
    if (weights && chunk.weights) weights.set(chunk.weights, at);
    at += chunk.targets.length;
  }
  return { labels, scores, weights };
}
