import { ShapeError } from '@tessera/core';
import { binIndex, type HistogramLayout } from '../math/binned-auc.js';

/**
 * The bounded-memory state of binned ROC AUC: per true label, per score column, the weight falling into
 * each of `numThresholds − 1` equal bins of `[0, 1]`. Its size depends only on the class count and the
 * threshold count, never on the data; `width` is 0 before data.
 */
export interface BinnedScoreState {
  readonly numThresholds: number;
  readonly width: number;
  readonly histogram: readonly number[];
}

/** The histogram layout of a binned state with data. */
export function histogramLayout(state: BinnedScoreState): HistogramLayout {
  return { labels: state.width === 1 ? 2 : state.width, columns: state.width, bins: state.numThresholds - 1 };
}

/**
 * Adds labelled score rows to a binned state.
 * @example
 * ```ts
 * accumulateBinned({ numThresholds: 3, width: 0, histogram: [] }, Int32Array.of(1), [0.9], 1, null).histogram; // [0, 0, 0, 1]
 * ```
 */
export function accumulateBinned(
  state: BinnedScoreState,
  labels: Int32Array,
  scores: ArrayLike<number>,
  width: number,
  weights: Float64Array | null,
): BinnedScoreState {
  if (labels.length === 0) return state;
  const base = state.width === 0 ? { ...state, width, histogram: new Array<number>(0) } : state;
  const layout = histogramLayout(base);
  const histogram = base.histogram.length
    ? [...base.histogram]
    : new Array<number>(layout.labels * layout.columns * layout.bins).fill(0);
  for (let r = 0; r < labels.length; r++) {
    const w = weights === null ? 1 : weights[r]!;
    const row = labels[r]! * layout.columns;
    for (let c = 0; c < width; c++)
      histogram[(row + c) * layout.bins + binIndex(scores[r * width + c]!, layout.bins)]! += w;
  }
  return { numThresholds: state.numThresholds, width, histogram };
}

/**
 * Sums two binned states.
 * @throws ShapeError if they differ in threshold count or score width
 */
export function mergeBinned(a: BinnedScoreState, b: BinnedScoreState): BinnedScoreState {
  if (a.width === 0) return b.numThresholds === a.numThresholds ? b : throwMismatch(a, b);
  if (b.width === 0) return b.numThresholds === a.numThresholds ? a : throwMismatch(a, b);
  if (a.width !== b.width || a.numThresholds !== b.numThresholds) throwMismatch(a, b);
  return {
    numThresholds: a.numThresholds,
    width: a.width,
    histogram: a.histogram.map((v, i) => v + b.histogram[i]!),
  };
}

function throwMismatch(a: BinnedScoreState, b: BinnedScoreState): never {
  throw new ShapeError(
    `Cannot merge binned AUC states (${a.numThresholds} thresholds × ${a.width} scores vs ${b.numThresholds} × ${b.width})`,
    { where: 'merge' },
  );
}
