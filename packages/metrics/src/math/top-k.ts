/**
 * Whether each row's true class is among its `k` highest scores. Ties are broken as scikit-learn's
 * `top_k_accuracy_score` breaks them (a stable ascending sort, reversed): among equal scores the higher
 * class index ranks first.
 *
 * @param labels - the true class of each row
 * @param scores - `rows × width` scores, row-major
 * @example
 * ```ts
 * topKHits(Int32Array.of(0, 2), [0.5, 0.3, 0.2, 0.1, 0.6, 0.3], 3, 2); // Uint8Array [1, 1]
 * ```
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.metrics.top_k_accuracy_score.html
 */
export function topKHits(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  width: number,
  k: number,
): Uint8Array {
  const rows = labels.length;
  const hits = new Uint8Array(rows);
  for (let r = 0; r < rows; r++) {
    const base = r * width;
    const label = labels[r]!;
    const own = scores[base + label]!;
    let rank = 0;
    for (let c = 0; c < width; c++) {
      const s = scores[base + c]!;
      if (s > own || (s === own && c > label)) rank++;
    }
    hits[r] = rank < k ? 1 : 0;
  }
  return hits;
}
