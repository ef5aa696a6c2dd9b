import * as tf from '@tensorflow/tfjs-core';
import { type DenseSlice, denseSlice } from '../../completion/ops/dense-slice.js';

/**
 * Gradient of `StridedSlice`, which tfjs-core lacks: the output gradient scattered back to the input cells
 * the slice read, zeros elsewhere (TensorFlow's `StridedSliceGrad`). The masks are resolved by tfjs's own
 * `slice_util.sliceInfo` (see {@link denseSlice}), as the forward kernels do. Instead of a scatter, the gradient is spread with dense
 * ops that every backend has: reverse the axes read backwards, interleave `stride − 1` zeros after each
 * value, then pad to the input's extent.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
import { type DenseSlice, denseSlice } from '../../completion/ops/dense-slice.js';
 * import { stridedSliceGradConfig } from '@tessera/core';
 * tf.registerGradient(stridedSliceGradConfig);
 * tf.grad((x) => tf.stridedSlice(x, [1], [6], [2]))(tf.zeros([6])); // [0, 1, 0, 1, 0, 1]
 * ```
 * @see https://pytorch.org/docs/stable/tensor_view.html (slicing with steps)
 */
export const stridedSliceGradConfig: tf.GradConfig = {
  kernelName: tf.StridedSlice,
  inputsToSave: ['x'],
  gradFunc: (dy, saved, attrs) => {
    const [x] = saved as [tf.Tensor];
    const slice = denseSlice(x.shape, attrs as unknown as tf.StridedSliceAttrs);
    return { x: () => spreadSlice(dy as tf.Tensor, x.shape, slice) };
  },
};

/** Places `dy` at `begin + k·strides` (per input axis, k < the slice's count) in zeros of `shape`. */
function spreadSlice(dy: tf.Tensor, shape: readonly number[], info: DenseSlice): tf.Tensor {
  const { counts } = info;
  if (counts.some((n) => n === 0)) return tf.zeros([...shape], 'float32');
  const steps = info.strides.map(Math.abs);
  // Where each axis's first cell lies once the axes read backwards are reversed.
  const starts = counts.map((n, i) =>
    info.strides[i]! < 0 ? info.begin[i]! + (n - 1) * info.strides[i]! : info.begin[i]!,
  );
  const backwards = info.strides.flatMap((s, i) => (s < 0 ? [i] : []));
  let g = tf.reshape(dy, [...counts]);
  if (backwards.length > 0) g = tf.reverse(g, backwards);
  if (steps.some((s, i) => s > 1 && counts[i]! > 1)) {
    // [n0, 1, n1, 1, …] padded to [n0, s0, n1, s1, …] puts s−1 zeros after every value along each axis.
    g = tf.reshape(
      g,
      counts.flatMap((n) => [n, 1]),
    );
    g = tf.pad(
      g,
      steps.flatMap((s) => [[0, 0] as [number, number], [0, s - 1] as [number, number]]),
    );
    g = tf.reshape(
      g,
      counts.map((n, i) => n * steps[i]!),
    );
    // Drop the zeros after the last value, which may reach past the input's end.
    g = tf.slice(
      g,
      counts.map(() => 0),
      counts.map((n, i) => (n - 1) * steps[i]! + 1),
    );
  }
  const spans = counts.map((n, i) => (n - 1) * steps[i]! + 1);
  return tf.pad(
    g,
    shape.map((size, i) => [starts[i]!, size - starts[i]! - spans[i]!] as [number, number]),
  );
}
