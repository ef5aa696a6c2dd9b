import * as tf from '@tensorflow/tfjs-core';
import { compositeKernelFunc } from '../composite-kernel.js';
import type { KernelCorrection } from '../kernel-correction.js';
import { nativeUnless } from '../replaced-kernels.js';

/**
 * The input gradient of a stride-1 2D convolution (NHWC) as a forward convolution: `dy`, padded by the
 * filter size minus the forward padding, correlated with the filter flipped in space and with its channel
 * axes swapped. Each `dx[p]` is `Σ_i dy[p + padTop − i] · w[i]`; substituting `j = k − 1 − i` makes it a
 * correlation of `dy` (shifted by `k − 1 − padTop`) with `w` reversed.
 */
function stride1InputGradient(dy: tf.Tensor4D, filter: tf.Tensor4D, attrs: tf.Conv2DBackpropInputAttrs) {
  const inputShape = attrs.inputShape as [number, number, number, number];
  const info = tf.backend_util.computeConv2DInfo(
    inputShape,
    filter.shape,
    1,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  const [kH, kW] = [info.filterHeight, info.filterWidth];
  const top = kH - 1 - info.padInfo.top;
  const left = kW - 1 - info.padInfo.left;
  const bottom = inputShape[1] + kH - 1 - info.outHeight - top;
  const right = inputShape[2] + kW - 1 - info.outWidth - left;
  const flipped = tf.transpose(tf.reverse(filter, [0, 1]), [0, 1, 3, 2]);
  // Negative pads (forward windows that never reached the last rows or columns) become crops.
  const padded = tf.pad(dy, [
    [0, 0],
    [Math.max(top, 0), Math.max(bottom, 0)],
    [Math.max(left, 0), Math.max(right, 0)],
    [0, 0],
  ]);
  const cropped = tf.slice(
    padded,
    [0, Math.max(-top, 0), Math.max(-left, 0), 0],
    [
      -1,
      padded.shape[1] - Math.max(-top, 0) - Math.max(-bottom, 0),
      padded.shape[2] - Math.max(-left, 0) - Math.max(-right, 0),
      -1,
    ],
  );
  return tf.conv2d(cropped as tf.Tensor4D, flipped as tf.Tensor4D, 1, 'valid');
}

/**
 * Replaces wasm's `Conv2DBackpropInput` for stride 1 (NHWC) with a forward `Conv2D`, which wasm runs through
 * XNNPACK; other strides stay with the native kernel.
 *
 * @example
 * ```ts
 * import { correctKernels } from '@tessera/core';
 * correctKernels('wasm'); // [..., 'Conv2DBackpropInput', ...]
 * ```
 */
export const wasmConv2DBackpropInputCorrection: KernelCorrection = {
  kernelName: tf.Conv2DBackpropInput,
  backendName: 'wasm',
  defect:
    'performance, not correctness: tfjs-backend-wasm 4.22 computes it with a scalar loop, about 10x slower ' +
    'than its XNNPACK forward convolution on the same shapes; it was the largest kernel of a CNN training step.',
  uses: ['Conv2D', 'PadV2', 'Reverse', 'Transpose', 'Slice'],
  kernelFunc: nativeUnless(
    tf.Conv2DBackpropInput,
    (_inputs, attrs) => {
      const a = attrs as unknown as tf.Conv2DBackpropInputAttrs;
      const strides = typeof a.strides === 'number' ? [a.strides, a.strides] : a.strides;
      return strides[0] === 1 && strides[1] === 1 && (a.dataFormat ?? 'NHWC') === 'NHWC';
    },
    compositeKernelFunc(({ dy, filter }, attrs) =>
      stride1InputGradient(
        dy as tf.Tensor4D,
        filter as tf.Tensor4D,
        attrs as unknown as tf.Conv2DBackpropInputAttrs,
      ),
    ),
  ),
};
