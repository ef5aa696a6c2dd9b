import * as tf from '@tensorflow/tfjs-core';

/**
 * A strided slice resolved against an input shape, one entry per input axis (masks, ellipsis, new and
 * shrunk axes resolved by tfjs's `slice_util.sliceInfo`): the first index read, the stride, and how many
 * indices are read (a shrunk axis reads one). `outputShape` is the op's output shape (shrunk axes removed,
 * new axes added).
 *
 * @example
 * ```ts
 * import type { DenseSlice } from '@tessera/core';
 * // x[:, 1, ::2] of a 2x3x4 tensor:
 * const slice: DenseSlice = {
 *   begin: [0, 1, 0], end: [2, 2, 4], strides: [1, 1, 2], counts: [2, 1, 2], outputShape: [2, 2],
 * };
 * ```
 */
export interface DenseSlice {
  readonly begin: readonly number[];
  readonly end: readonly number[];
  readonly strides: readonly number[];
  readonly counts: readonly number[];
  readonly outputShape: readonly number[];
}

/**
 * Resolves `tf.stridedSlice`'s arguments against `shape`. tfjs's `sliceInfo` reports the per-axis counts only
 * with shrunk axes left out (`finalShapeSparse`), which is what its kernels get wrong; they are recomputed
 * here for every axis.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { denseSlice } from '@tessera/core';
 * const attrs = { begin: [0, 1, 0], end: [2, 2, 4], strides: [1, 1, 2], beginMask: 0, endMask: 0,
 *   ellipsisMask: 0, newAxisMask: 0, shrinkAxisMask: 0b010 };
 * denseSlice([2, 3, 4], attrs).counts; // [2, 1, 2]
 * ```
 */
export function denseSlice(shape: readonly number[], attrs: tf.StridedSliceAttrs): DenseSlice {
  const info = tf.slice_util.sliceInfo(
    [...shape],
    attrs.begin,
    attrs.end,
    attrs.strides,
    attrs.beginMask,
    attrs.endMask,
    attrs.ellipsisMask,
    attrs.newAxisMask,
    attrs.shrinkAxisMask,
  );
  const counts = info.begin.map((b, i) => Math.max(0, Math.ceil((info.end[i]! - b) / info.strides[i]!)));
  return {
    begin: info.begin,
    end: info.end,
    strides: info.strides,
    counts,
    outputShape: info.finalShape,
  };
}
