import { ValidationError } from '@tessera/core';
import { channelLayout, channelOf } from '../quantize/channel-layout.js';

function checkSparsity(sparsity: unknown, where: string): number {
  if (typeof sparsity !== 'number' || !(sparsity >= 0 && sparsity < 1))
    throw ValidationError.expected('a sparsity in [0, 1)', sparsity, where);
  return sparsity;
}

/** How many of `n` scores survive at `sparsity` (TF-MOT: `max(round(n · (1 − s)), 1)`). */
function keptCount(n: number, sparsity: number): number {
  return Math.max(Math.round(n * (1 - sparsity)), 1);
}

/** The k-th largest of `scores` (k ≥ 1). */
function kthLargest(scores: Float32Array | Float64Array, k: number): number {
  const sorted = Float64Array.from(scores).sort();
  return sorted[sorted.length - k]!;
}

function maskAbove(scores: ArrayLike<number>, threshold: number): Uint8Array {
  const mask = new Uint8Array(scores.length);
  for (let i = 0; i < scores.length; i++) mask[i] = Math.abs(scores[i]!) >= threshold ? 1 : 0;
  return mask;
}

/**
 * The magnitude-pruning mask of one weight (TF-MOT semantics): keep the `max(round(n · (1 − sparsity)), 1)`
 * largest magnitudes — every weight whose magnitude reaches the k-th largest, so ties are kept — and zero the
 * rest. Returns 1 (keep) / 0 (prune) per element.
 *
 * @throws ValidationError for a sparsity outside [0, 1) or an empty weight
 * @see Zhu & Gupta, "To prune, or not to prune" (2017)
 * @example
 * ```ts
 * magnitudeMask(new Float32Array([0.1, -3, 2, 0.5]), 0.5); // Uint8Array [0, 1, 1, 0]
 * ```
 */
export function magnitudeMask(values: Float32Array, sparsity: number): Uint8Array {
  checkSparsity(sparsity, 'magnitudeMask(sparsity)');
  if (!(values?.length > 0)) throw ValidationError.expected('a non-empty weight', values, 'magnitudeMask');
  const abs = values.map(Math.abs);
  return maskAbove(values, kthLargest(abs, keptCount(values.length, sparsity)));
}

/**
 * Global magnitude pruning: one threshold over all the weights together, so layers with small weights lose
 * more of them (as `torch.nn.utils.prune.global_unstructured` with L1). Returns one mask per weight.
 *
 * @throws ValidationError for a sparsity outside [0, 1) or no weights
 * @see Frankle & Carbin, "The Lottery Ticket Hypothesis" (2019), which prunes globally
 * @example
 * ```ts
 * const [m1, m2] = globalMagnitudeMasks([kernel1, kernel2], 0.8);
 * ```
 */
export function globalMagnitudeMasks(weights: readonly Float32Array[], sparsity: number): Uint8Array[] {
  checkSparsity(sparsity, 'globalMagnitudeMasks(sparsity)');
  const total = weights.reduce((n, w) => n + w.length, 0);
  if (total === 0) throw ValidationError.expected('non-empty weights', weights, 'globalMagnitudeMasks');
  const all = new Float32Array(total);
  let offset = 0;
  for (const w of weights) {
    for (let i = 0; i < w.length; i++) all[offset + i] = Math.abs(w[i]!);
    offset += w.length;
  }
  const threshold = kthLargest(all, keptCount(total, sparsity));
  return weights.map((w) => maskAbove(w, threshold));
}

/**
 * Structured (filter) pruning: scores each slice along `axis` (default −1, the output channels of Dense and
 * Conv kernels) by its L2 norm and zeroes whole slices with the smallest norms, keeping
 * `max(round(c · (1 − sparsity)), 1)` of the `c` channels. Removing whole filters shrinks the dense
 * computation, not only the stored size.
 *
 * @throws ValidationError / ShapeError for a bad sparsity, shape or axis
 * @see Li et al., "Pruning Filters for Efficient ConvNets" (2017); `torch.nn.utils.prune.ln_structured`
 * @example
 * ```ts
 * const mask = filterMask(kernel, [3, 3, 16, 32], 0.5); // 16 of the 32 filters zeroed
 * ```
 */
export function filterMask(
  values: Float32Array,
  shape: readonly number[],
  sparsity: number,
  axis = -1,
): Uint8Array {
  checkSparsity(sparsity, 'filterMask(sparsity)');
  const layout = channelLayout(shape, axis, 'filterMask(axis)');
  if (values?.length !== shape.reduce((a, b) => a * b, 1) || values.length === 0) {
    throw ValidationError.expected(`a non-empty weight of shape [${shape.join(', ')}]`, values, 'filterMask');
  }
  const norms = new Float64Array(layout.channels);
  for (let i = 0; i < values.length; i++) norms[channelOf(i, layout)]! += values[i]! * values[i]!;
  const threshold = kthLargest(norms, keptCount(layout.channels, sparsity));
  const mask = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) mask[i] = norms[channelOf(i, layout)]! >= threshold ? 1 : 0;
  return mask;
}
