/**
 * A weighted confusion matrix as a plain value: `counts[t * numClasses + p]` is the total weight of samples
 * of true class `t` predicted as `p` (rows are true classes, columns predictions, as in scikit-learn).
 */
export interface ConfusionState {
  readonly numClasses: number;
  readonly counts: readonly number[];
}

/** How {@link normalizeConfusionMatrix} divides: by true-class rows, predicted columns, or the total. */
export type ConfusionNormalization = 'true' | 'pred' | 'all';

/**
 * The confusion state of no data.
 * @example
 * ```ts
 * emptyConfusion(3).counts.length; // 9
 * ```
 */
export function emptyConfusion(numClasses: number): ConfusionState {
  return { numClasses, counts: new Array<number>(numClasses * numClasses).fill(0) };
}

/**
 * Pads a confusion state with empty classes up to `numClasses` (never shrinks).
 * @example
 * ```ts
 * resizeConfusion({ numClasses: 2, counts: [1, 2, 3, 4] }, 3).counts; // [1, 2, 0, 3, 4, 0, 0, 0, 0]
 * ```
 */
export function resizeConfusion(state: ConfusionState, numClasses: number): ConfusionState {
  const k = state.numClasses;
  if (numClasses <= k) return state;
  const counts = new Array<number>(numClasses * numClasses).fill(0);
  for (let t = 0; t < k; t++)
    for (let p = 0; p < k; p++) counts[t * numClasses + p] = state.counts[t * k + p]!;
  return { numClasses, counts };
}

/**
 * Adds labelled predictions to a confusion state, growing it when a label exceeds its classes.
 * @example
 * ```ts
 * accumulateConfusion(emptyConfusion(2), Int32Array.of(0, 1), Int32Array.of(1, 1), null).counts; // [0, 1, 0, 1]
 * ```
 */
export function accumulateConfusion(
  state: ConfusionState,
  trueLabels: Int32Array,
  predictedLabels: Int32Array,
  weights: Float64Array | null,
): ConfusionState {
  let needed = state.numClasses;
  for (let i = 0; i < trueLabels.length; i++)
    needed = Math.max(needed, trueLabels[i]! + 1, predictedLabels[i]! + 1);
  const grown = resizeConfusion(state, needed);
  const k = grown.numClasses;
  const counts = grown === state ? [...state.counts] : (grown.counts as number[]);
  for (let i = 0; i < trueLabels.length; i++) {
    counts[trueLabels[i]! * k + predictedLabels[i]!]! += weights === null ? 1 : weights[i]!;
  }
  return { numClasses: k, counts };
}

/**
 * Sums two confusion states, padding the smaller one with empty classes.
 * @example
 * ```ts
 * mergeConfusion(emptyConfusion(2), { numClasses: 2, counts: [1, 0, 0, 1] }).counts; // [1, 0, 0, 1]
 * ```
 */
export function mergeConfusion(a: ConfusionState, b: ConfusionState): ConfusionState {
  const k = Math.max(a.numClasses, b.numClasses);
  const left = resizeConfusion(a, k);
  const right = resizeConfusion(b, k);
  return { numClasses: k, counts: left.counts.map((c, i) => c + right.counts[i]!) };
}

/**
 * The confusion state as rows (true classes) of columns (predicted classes).
 * @example
 * ```ts
 * confusionRows({ numClasses: 2, counts: [3, 1, 0, 2] }); // [[3, 1], [0, 2]]
 * ```
 */
export function confusionRows(state: ConfusionState): number[][] {
  const k = state.numClasses;
  return Array.from({ length: k }, (_, t) => state.counts.slice(t * k, (t + 1) * k));
}

/**
 * Normalises a confusion matrix over true classes (rows), predicted classes (columns) or everything; empty
 * rows or columns become zeros, as in scikit-learn.
 * @example
 * ```ts
 * normalizeConfusionMatrix([[3, 1], [0, 0]], 'true'); // [[0.75, 0.25], [0, 0]]
 * ```
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.metrics.confusion_matrix.html
 */
export function normalizeConfusionMatrix(matrix: number[][], mode: ConfusionNormalization): number[][] {
  const k = matrix.length;
  const rowSums = matrix.map((row) => row.reduce((a, b) => a + b, 0));
  const colSums = Array.from({ length: k }, (_, c) => matrix.reduce((a, row) => a + row[c]!, 0));
  const total = rowSums.reduce((a, b) => a + b, 0);
  return matrix.map((row, t) =>
    row.map((v, p) => {
      const d = mode === 'true' ? rowSums[t]! : mode === 'pred' ? colSums[p]! : total;
      return d === 0 ? 0 : v / d;
    }),
  );
}
