/**
 * Machine epsilon of float64; scikit-learn's `eps='auto'` clips float64 probabilities by it.
 * @example
 * ```ts
 * FLOAT64_EPSILON === Number.EPSILON; // true
 * ```
 */
export const FLOAT64_EPSILON = 2 ** -52;

/**
 * Machine epsilon of float32, the clip of float32 probabilities (tensors, `Float32Array`s) under `'auto'`.
 * @example
 * ```ts
 * FLOAT32_EPSILON; // 1.1920928955078125e-7
 * ```
 */
export const FLOAT32_EPSILON = 2 ** -23;

/**
 * Per-row cross-entropy `−log p[label]` after clipping probabilities to `[eps, 1 − eps]` and renormalising
 * each row, as scikit-learn's `log_loss` does. One probability per row (`width` 1) is `P(class 1)`.
 *
 * @param labels - the true class of each row
 * @param probabilities - `rows × width` probabilities, row-major
 * @example
 * ```ts
 * logLossTerms(Int32Array.of(1, 0), [0.9, 0.2], 1, FLOAT64_EPSILON); // [0.10536, 0.22314]
 * ```
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.metrics.log_loss.html
 */
export function logLossTerms(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  width: number,
  eps: number,
): Float64Array {
  const rows = labels.length;
  const out = new Float64Array(rows);
  const clip = (p: number) => Math.min(Math.max(p, eps), 1 - eps);
  for (let r = 0; r < rows; r++) {
    if (width === 1) {
      const p = clip(probabilities[r]!);
      const q = 1 - p;
      out[r] = -Math.log((labels[r] === 1 ? p : q) / (q + p));
      continue;
    }
    let sum = 0;
    for (let c = 0; c < width; c++) sum += clip(probabilities[r * width + c]!);
    out[r] = -Math.log(clip(probabilities[r * width + labels[r]!]!) / sum);
  }
  return out;
}
