/** A weighted sum and its total weight: the state of every metric that is a weighted mean. */
export interface WeightedMeanState {
  readonly total: number;
  readonly weight: number;
}

/**
 * The weighted-mean state of no data.
 * @example
 * ```ts
 * meanOf(EMPTY_MEAN); // NaN
 * ```
 */
export const EMPTY_MEAN: WeightedMeanState = Object.freeze({ total: 0, weight: 0 });

/**
 * Adds per-row values with optional weights.
 * @example
 * ```ts
 * addToMean(EMPTY_MEAN, [1, 0, 1], null); // { total: 2, weight: 3 }
 * ```
 */
export function addToMean(
  state: WeightedMeanState,
  values: ArrayLike<number>,
  weights: ArrayLike<number> | null,
): WeightedMeanState {
  let total = 0;
  let weight = 0;
  for (let i = 0; i < values.length; i++) {
    const w = weights === null ? 1 : weights[i]!;
    total += w * values[i]!;
    weight += w;
  }
  return { total: state.total + total, weight: state.weight + weight };
}

/**
 * Sums two weighted-mean states.
 * @example
 * ```ts
 * mergeMeans({ total: 2, weight: 3 }, { total: 1, weight: 1 }); // { total: 3, weight: 4 }
 * ```
 */
export function mergeMeans(a: WeightedMeanState, b: WeightedMeanState): WeightedMeanState {
  return { total: a.total + b.total, weight: a.weight + b.weight };
}

/**
 * The weighted mean; NaN without weight.
 * @example
 * ```ts
 * meanOf({ total: 3, weight: 4 }); // 0.75
 * ```
 */
export function meanOf(state: WeightedMeanState): number {
  return state.weight === 0 ? Number.NaN : state.total / state.weight;
}
