import * as tf from '@tensorflow/tfjs-core';
import { compositeKernelFunc } from '../composite-kernel.js';
import type { KernelCorrection } from '../kernel-correction.js';
import { denseSlice } from '../ops/dense-slice.js';
import { nativeUnless, runReplacedKernel } from '../replaced-kernels.js';

const isEmpty = (shape: readonly number[], attrs: tf.NamedAttrMap) =>
  denseSlice(shape, attrs as unknown as tf.StridedSliceAttrs).counts.includes(0);

// Slices that shrink no axis and are not empty go to the native kernel as they are. Empty slices are made
// here; slices that shrink an axis go to the native kernel resolved per input axis (no masks, every axis
// kept), and the shrunk axes are reshaped away.
const correction = compositeKernelFunc(({ x }, attrs) => {
  const s = denseSlice(x!.shape, attrs as unknown as tf.StridedSliceAttrs);
  if (s.counts.includes(0)) return tf.zeros([...s.outputShape], x!.dtype);
  // A resolved end of −1 with a negative stride means "past index 0", which only the end mask can say.
  const endMask = s.strides.reduce((m, stride, i) => (stride < 0 && s.end[i] === -1 ? m | (1 << i) : m), 0);
  const dense = { begin: [...s.begin], end: [...s.end], strides: [...s.strides], endMask };
  const sliced = runReplacedKernel(
    tf.StridedSlice,
    { x },
    {
      ...dense,
      beginMask: 0,
      ellipsisMask: 0,
      newAxisMask: 0,
      shrinkAxisMask: 0,
    },
  );
  return tf.reshape(sliced, [...s.outputShape]);
});
const kernelFunc = nativeUnless(
  tf.StridedSlice,
  ({ x }, attrs) => Boolean(attrs.shrinkAxisMask) || isEmpty(x!.shape, attrs),
  correction,
);

const defect =
  'tfjs 4.22 builds the slice from per-axis counts that leave shrunk axes out (slice_util.sliceInfo’s ' +
  'finalShapeSparse), so a slice that shrinks an axis and is not contiguous (x[:, 1, ::2]) reads the wrong ' +
  'elements; an empty slice with stride 1 (x[3:1]) throws instead of returning an empty tensor.';

/**
 * Replaces the cpu backend's `StridedSlice`: slices that shrink an axis are read per input axis, and empty
 * slices return an empty tensor.
 *
 * @example
 * ```ts
 * import { correctKernels } from '@tessera/core';
 * correctKernels('cpu'); // [..., 'StridedSlice', ...]
 * ```
 */
export const cpuStridedSliceCorrection: KernelCorrection = {
  kernelName: tf.StridedSlice,
  backendName: 'cpu',
  defect: `tfjs-backend-cpu: ${defect}`,
  uses: ['Reshape'],
  kernelFunc,
};

/**
 * Replaces wasm's `StridedSlice`, which has the same defect as the cpu backend's.
 *
 * @example
 * ```ts
 * import { correctKernels } from '@tessera/core';
 * correctKernels('wasm'); // [..., 'StridedSlice', ...]
 * ```
 */
export const wasmStridedSliceCorrection: KernelCorrection = {
  kernelName: tf.StridedSlice,
  backendName: 'wasm',
  defect: `tfjs-backend-wasm: ${defect}`,
  uses: ['Reshape'],
  kernelFunc,
};
