/** A weighted sum and its total weight: the state of every metric that is a weighted mean. */
export interface WeightedMeanState {
  readonly total: number;
  readonly weight: number;
}

/** The weighted-mean state of no data. */
export const EMPTY_MEAN: WeightedMeanState = Object.freeze({ total: 0, weight: 0 });

/**
 * Adds per-row values with optional weights.
 * @example
 * ```ts
 * addToMean(EMPTY_MEAN, [1, 0, 1], null); // { total: 2, weight: 3 }
 * ```
 */
export function addToMean(state: WeightedMeanState, values: ArrayLike<number>, weights: ArrayLike<number> | null): WeightedMeanState {
  let total = 0;
  let weight = 0;
  for (let i = 0; i < values.length; i++) {
    const w = weights === null ? 1 : weights[i]!;
    total += w * values[i]!;
    weight += w;
  }
  return { total: state.total + total, weight: state.weight + weight };
}

/** Sums two weighted-mean states. */
export function mergeMeans(a: WeightedMeanState, b: WeightedMeanState): WeightedMeanState {
  return { total: a.total + b.total, weight: a.weight + b.weight };
}

/** The weighted mean; NaN without weight. */
export function meanOf(state: WeightedMeanState): number {
  return state.weight === 0 ? Number.NaN : state.total / state.weight;
}
